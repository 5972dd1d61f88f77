/**
 * Reading the `Idempotency-Key` HTTP header of the IETF draft: an RFC 8941
 * Structured Field Item whose value is a String, e.g.
 * `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`, or, on request,
 * the unquoted value that Stripe-style clients send (`Idempotency-Key: order-43`).
 */
import { IdempotencyKeyInvalidError, IdempotencyOptionsInvalidError, validateIdempotencyKey } from "../drivers/idempotency.js";

/**
 * How {@link parseIdempotencyKeyHeader} reads the header's value:
 * - `sf-string` (the default): an RFC 8941 String, `"…"`, as the IETF draft says;
 * - `token`: the raw value, trimmed of spaces and tabs, is the key (Stripe-style `order-43`);
 * - `either`: a value that starts with `"` (after spaces or tabs) as `sf-string`, any other as `token`.
 */
export type IdempotencyKeyFormat = "sf-string" | "token" | "either";

/** Options of {@link parseIdempotencyKeyHeader}. */
export interface ParseKeyOptions {
  /** How the value is read; `sf-string` by default. See {@link IdempotencyKeyFormat}. */
  readonly format?: IdempotencyKeyFormat;
}

const FORMATS: ReadonlySet<string> = new Set<IdempotencyKeyFormat>(["sf-string", "token", "either"]);

/** RFC 8941 sf-string: printable ASCII between double quotes; `"` and `\` escaped by `\`. */
const SF_STRING = String.raw`"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"`;

/** RFC 8941 bare items, for the values of parameters. */
const BARE_ITEM = [
  String.raw`-?\d{1,12}\.\d{1,3}`, // decimal
  String.raw`-?\d{1,15}`, // integer
  String.raw`"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*"`, // string
  String.raw`[A-Za-z*][!#$%&'*+\-.^_\x60|~0-9A-Za-z:/]*`, // token
  String.raw`:[A-Za-z0-9+/=]*:`, // byte sequence
  String.raw`\?[01]`, // boolean
].join("|");

/** RFC 8941 parameters: `;key` or `;key=value`, which the draft defines none of and a recipient ignores. */
const PARAMETERS = String.raw`(?:;\x20*[a-z*][a-z0-9_\-.*]*(?:=(?:${BARE_ITEM}))?)*`;

/** A whole header value: optional spaces, the string, its parameters, optional spaces. */
const ITEM = new RegExp(String.raw`^\x20*${SF_STRING}${PARAMETERS}\x20*$`);

const NOT_A_STRING = "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)";

/** Spaces and tabs around a token. */
const SURROUNDING_WHITESPACE = /^[\t ]+|[\t ]+$/g;

/** A value that `either` reads as an sf-string. */
const QUOTED = /^[\t ]*"/;

/**
 * Checks an Idempotency-Key format option (`undefined`: `sf-string`).
 * @throws {IdempotencyOptionsInvalidError} for anything but `sf-string`, `token` or `either`.
 */
export function checkKeyFormat(format: unknown): IdempotencyKeyFormat {
  if (format === undefined) return "sf-string";
  if (typeof format === "string" && FORMATS.has(format)) return format as IdempotencyKeyFormat;
  const got = typeof format === "string" ? JSON.stringify(format) : String(format);
  throw new IdempotencyOptionsInvalidError(`the Idempotency-Key format must be "sf-string", "token" or "either", got ${got}`);
}

/** The header's one value: an array (Node's `headersDistinct`, some frameworks) must hold exactly one. */
function singleValue(value: string | readonly string[] | undefined): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length > 1) throw new IdempotencyKeyInvalidError("the Idempotency-Key header was sent more than once");
  return value[0];
}

function parseSfString(value: unknown): string {
  const match = typeof value === "string" ? ITEM.exec(value) : null;
  if (match === null) throw new IdempotencyKeyInvalidError(NOT_A_STRING);
  return (match[1] ?? "").replace(/\\(["\\])/g, "$1");
}

function parseToken(value: unknown): unknown {
  return typeof value === "string" ? value.replace(SURROUNDING_WHITESPACE, "") : value;
}

/**
 * Reads the key from an `Idempotency-Key` header value. By default the value
 * is an RFC 8941 Item whose value is a String (`"…"`, with `\"` and `\\`
 * escaped), parameters ignored; `{ format: "token" }` takes the unquoted value
 * as the key, and `{ format: "either" }` accepts both (see
 * {@link IdempotencyKeyFormat}). The key is then checked as every driver
 * function checks it (1 to 255 code points, no control character).
 * A repeated header: an array (Node's `req.headersDistinct`) with two or more
 * values is refused; Node's `req.headers` joins the values with `, ` into one
 * string, which `sf-string` refuses as two values but `token` reads as one
 * key holding a comma (pass `headersDistinct` to refuse it there too).
 * @param value - the header's value as the HTTP framework gives it, e.g.
 *   `req.header("Idempotency-Key")` or `req.headers["idempotency-key"]`; an
 *   empty array is a missing header.
 * @param options - the format; see {@link ParseKeyOptions}.
 * @returns the key, unescaped.
 * @throws {IdempotencyKeyInvalidError} (400) for a missing header, one sent
 *   more than once, a value that is not a quoted sf-string where one is read
 *   (unquoted, malformed, or two values joined by a comma), or a key that is
 *   empty, longer than 255 characters or holds a control character.
 * @throws {IdempotencyOptionsInvalidError} (500) for a `format` that is not an {@link IdempotencyKeyFormat}.
 */
export function parseIdempotencyKeyHeader(value: string | readonly string[] | undefined, options: ParseKeyOptions = {}): string {
  const format = checkKeyFormat(options.format);
  const single = singleValue(value);
  if (single === undefined) throw new IdempotencyKeyInvalidError("the Idempotency-Key header is missing");
  const asSfString = format === "sf-string" || (format === "either" && typeof single === "string" && QUOTED.test(single));
  return validateIdempotencyKey(asSfString ? parseSfString(single) : parseToken(single));
}
