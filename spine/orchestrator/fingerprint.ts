/**
 * Request fingerprints: a SHA-256 of the payload's canonical JSON, so that the
 * same payload with its keys in another order has the same fingerprint.
 */
import { createHash } from "node:crypto";
import { IdempotencyError } from "../drivers/idempotency.js";

/** The payload cannot be represented as JSON without losing information. HTTP 400. */
export class PayloadInvalidError extends IdempotencyError {
  constructor(reason: string) {
    super(`request payload is not plain JSON: ${reason}`, { code: "payload_invalid", status: 400 });
  }
}

function canonical(value: unknown, path: string, seen: Set<object>): string | undefined {
  if (value === null) return "null";
  if (typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonical((value as { toJSON: () => unknown }).toJSON(), path, seen);
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new PayloadInvalidError(`${path} is ${String(value)}`);
      return JSON.stringify(value);
    case "undefined":
      return undefined;
    case "object":
      return canonicalObject(value as object, path, seen);
    default:
      throw new PayloadInvalidError(`${path} is a ${typeof value}`);
  }
}

function canonicalObject(value: object, path: string, seen: Set<object>): string {
  if (seen.has(value)) throw new PayloadInvalidError(`${path} refers to itself`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item, index) => canonical(item, `${path}[${index}]`, seen) ?? "null").join(",")}]`;
    }
    const members: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const member = canonical((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    seen.delete(value);
  }
}

/**
 * The canonical JSON of a payload: object keys sorted (by UTF-16 code units) at
 * every depth, no white space, `undefined` members left out as `JSON.stringify`
 * does. Values JSON cannot carry faithfully (NaN, Infinity, bigint, functions,
 * symbols, cycles) are an error rather than silently changed.
 * @param payload - any JSON-like value.
 * @throws {PayloadInvalidError} for a value JSON cannot represent.
 */
export function canonicalJson(payload: unknown): string {
  const text = canonical(payload, "payload", new Set());
  if (text === undefined) throw new PayloadInvalidError("payload is undefined");
  return text;
}

/**
 * The request fingerprint: the hex SHA-256 of {@link canonicalJson}.
 * @param payload - any JSON-like value.
 * @throws {PayloadInvalidError} for a value JSON cannot represent.
 */
export function requestFingerprint(payload: unknown): string {
  return createHash("sha256").update(canonicalJson(payload)).digest("hex");
}
