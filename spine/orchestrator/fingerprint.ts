/**
 * Request fingerprints: a SHA-256 of the payload's canonical JSON, so that the
 * same payload with its keys in another order has the same fingerprint; a
 * request without a body (`undefined`) has a fingerprint of its own.
 */
import { createHash } from "node:crypto";
import { IdempotencyError } from "../drivers/idempotency.js";

/** The payload cannot be represented as JSON without losing information. HTTP 400. */
export class PayloadInvalidError extends IdempotencyError {
  constructor(reason: string) {
    super(`request payload is not plain JSON: ${reason}`, { code: "payload_invalid", status: 400 });
  }
}

/** The deepest nesting of objects and arrays a payload may have. */
export const MAX_PAYLOAD_DEPTH = 1_000;

/** Where the walk is: the path for messages, the depth, and the containers open above. */
interface Walk {
  readonly path: string;
  readonly depth: number;
  readonly open: Set<object>;
}

/** The `valueOf` that reads the internal slot of each boxed primitive, by its `Object.prototype.toString` tag. */
const BOXED: ReadonlyMap<string, (value: object) => unknown> = new Map<string, (value: object) => unknown>([
  ["[object Number]", (value) => (hasSlot(value, Number.prototype.valueOf) ? Number(value) : value)],
  ["[object String]", (value) => (hasSlot(value, String.prototype.valueOf) ? String(value) : value)],
  ["[object Boolean]", (value) => (hasSlot(value, Boolean.prototype.valueOf) ? Boolean.prototype.valueOf.call(value) : value)],
  ["[object BigInt]", (value) => (hasSlot(value, BigInt.prototype.valueOf) ? BigInt.prototype.valueOf.call(value) : value)],
]);

/** Whether `value` carries the internal slot that `method` (a prototype's `valueOf`) reads: a tag can lie, a slot cannot. */
function hasSlot(value: object, method: (this: never) => unknown): boolean {
  try {
    method.call(value as never);
    return true;
  } catch {
    return false;
  }
}

/**
 * What `JSON.stringify` does first to a value: calls its `toJSON(key)`, then
 * unwraps a boxed number, string, boolean or bigint to its primitive.
 */
function toJsonValue(value: unknown, key: string): unknown {
  let current = value;
  if ((typeof current === "object" && current !== null) || typeof current === "bigint") {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") current = toJSON.call(current, key) as unknown;
  }
  if (typeof current !== "object" || current === null) return current;
  const unbox = BOXED.get(Object.prototype.toString.call(current));
  return unbox === undefined ? current : unbox(current);
}

function canonicalPrimitive(value: unknown, path: string): string | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new PayloadInvalidError(`${path} is ${String(value)}`);
      return JSON.stringify(value);
    case "undefined":
      return undefined;
    default:
      throw new PayloadInvalidError(`${path} is a ${typeof value}`);
  }
}

function canonical(value: unknown, key: string, walk: Walk): string | undefined {
  const json = toJsonValue(value, key);
  if (json === null) return "null";
  if (typeof json !== "object") return canonicalPrimitive(json, walk.path);
  return canonicalContainer(json, walk);
}

function checkContainer(value: object, walk: Walk): void {
  if (walk.depth > MAX_PAYLOAD_DEPTH) throw new PayloadInvalidError(`payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  if (walk.open.has(value)) throw new PayloadInvalidError(`${walk.path} refers to itself`);
  if (value instanceof Map || value instanceof Set) {
    throw new PayloadInvalidError(`${walk.path} is a ${value instanceof Map ? "Map" : "Set"}, which JSON writes as {}`);
  }
}

function canonicalArray(value: readonly unknown[], walk: Walk): string {
  const items: string[] = [];
  // Every index up to length, holes included: JSON writes a hole as null.
  for (let index = 0; index < value.length; index++) {
    items.push(canonical(value[index], String(index), { ...walk, path: `${walk.path}[${index}]` }) ?? "null");
  }
  return `[${items.join(",")}]`;
}

function canonicalObject(value: object, walk: Walk): string {
  const members: string[] = [];
  // Sorted by UTF-16 code units, integer-like keys included (the engine's own order puts those first).
  for (const key of Object.keys(value).sort()) {
    const member = canonical((value as Record<string, unknown>)[key], key, { ...walk, path: `${walk.path}.${key}` });
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(",")}}`;
}

function canonicalContainer(value: object, walk: Walk): string {
  const inner: Walk = { ...walk, depth: walk.depth + 1 };
  checkContainer(value, inner);
  walk.open.add(value);
  try {
    return Array.isArray(value) ? canonicalArray(value, inner) : canonicalObject(value, inner);
  } finally {
    walk.open.delete(value);
  }
}

/**
 * The canonical JSON of a payload: exactly `JSON.stringify(payload)` with
 * object keys sorted (by UTF-16 code units) at every depth, or a
 * {@link PayloadInvalidError}. As `JSON.stringify` does, it calls `toJSON(key)`
 * (dates become ISO strings), writes boxed numbers, strings and booleans as
 * their primitive values, array holes and `undefined` elements as `null`, and
 * leaves out `undefined` members. Values JSON cannot carry faithfully (NaN,
 * Infinity, bigint, functions, symbols, Map, Set, cycles) and nesting deeper
 * than {@link MAX_PAYLOAD_DEPTH} are an error rather than silently changed.
 * A top-level `undefined` has no JSON text and is an error here too
 * ({@link requestFingerprint} takes it as a request without a body).
 * @param payload - any JSON-like value.
 * @throws {PayloadInvalidError} for a value JSON cannot represent.
 */
export function canonicalJson(payload: unknown): string {
  const text = canonical(payload, "", { path: "payload", depth: 0, open: new Set() });
  if (text === undefined) throw new PayloadInvalidError("payload is undefined");
  return text;
}

/**
 * The text hashed for a request without a body: empty, which no canonical JSON
 * is, so its fingerprint differs from that of every JSON value (`null`, `{}`, `""`).
 */
const NO_BODY = "";

/**
 * The request fingerprint: the hex SHA-256 of {@link canonicalJson}. A
 * top-level `undefined` payload means "no body" (Express's `req.body` for a
 * POST without one): its fingerprint is the SHA-256 of the empty string,
 * distinct from every JSON value's. `undefined` inside an object or array is
 * what `canonicalJson` makes of it (a member left out, an element written as
 * `null`), and a value whose `toJSON` returns `undefined` is still an error.
 * @param payload - any JSON-like value, or `undefined` for no body.
 * @throws {PayloadInvalidError} for a value JSON cannot represent.
 */
export function requestFingerprint(payload: unknown): string {
  return createHash("sha256").update(payload === undefined ? NO_BODY : canonicalJson(payload)).digest("hex");
}
