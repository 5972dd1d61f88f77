/**
 * Reading the `Idempotency-Key` HTTP header of the IETF draft: an RFC 8941
 * Structured Field Item whose value is a String, e.g.
 * `Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"`.
 */
import { IdempotencyKeyInvalidError, validateIdempotencyKey } from "../drivers/idempotency.js";

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

/**
 * Reads the key from an `Idempotency-Key` header value, an RFC 8941 Item whose
 * value is a String (`"…"`, with `\"` and `\\` escaped); parameters are
 * ignored. The key is then checked as every driver function checks it.
 * @param value - the header's value as the HTTP framework gives it, e.g. `req.header("Idempotency-Key")`.
 * @returns the key, unescaped.
 * @throws {IdempotencyKeyInvalidError} (400) for a missing header, a value that
 *   is not a quoted sf-string (unquoted, malformed, or two values joined by a
 *   comma), or a key that is empty or longer than 255 characters.
 */
export function parseIdempotencyKeyHeader(value: string | undefined): string {
  if (value === undefined) throw new IdempotencyKeyInvalidError("the Idempotency-Key header is missing");
  const match = typeof value === "string" ? ITEM.exec(value) : null;
  if (match === null) throw new IdempotencyKeyInvalidError(NOT_A_STRING);
  const key = (match[1] ?? "").replace(/\\(["\\])/g, "$1");
  return validateIdempotencyKey(key);
}
