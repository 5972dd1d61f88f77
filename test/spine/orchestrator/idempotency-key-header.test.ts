import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdempotencyKeyInvalidError } from "../../../spine/drivers/idempotency.js";
import { parseIdempotencyKeyHeader } from "../../../spine/orchestrator/index.js";

/** Serialises a key as an RFC 8941 sf-string, escaping `"` and `\`. */
function sfString(key: string): string {
  return `"${key.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

describe("parseIdempotencyKeyHeader", () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', "a\\b"],
    ['"with spaces inside"', "with spaces inside"],
    ['  "surrounding spaces"  ', "surrounding spaces"],
    ['"key";param=1', "key"],
    ['"key";a;b=?0;c="x;y";d=tok/en:1;e=:cGFzc3dvcmQ=:;f=-1.5', "key"],
  ])("reads %s as %j", (header, key) => {
    expect(parseIdempotencyKeyHeader(header)).toBe(key);
  });

  it.each([
    ["missing", undefined, "the Idempotency-Key header is missing"],
    ["an unquoted token", "8e03978e-40d5-43e8-bc93-6894a57f9324", "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["single quotes", "'abc'", "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["an unterminated string", '"abc', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["an escape of another character", '"a\\nb"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["a bare quote inside", '"a"b"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["two strings (a repeated header)", '"a", "b"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["a tab inside", '"a\tb"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["a non-ASCII character", '"ключ"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["a malformed parameter", '"key";Param=1', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["an empty string", '""', "it is empty"],
    ["a key over 255 characters", `"${"k".repeat(256)}"`, "it is 256 characters long; the limit is 255"],
  ])("rejects %s with IdempotencyKeyInvalidError (400)", (_label, header, reason) => {
    expect(() => parseIdempotencyKeyHeader(header)).toThrow(IdempotencyKeyInvalidError);
    expect(() => parseIdempotencyKeyHeader(header)).toThrow(`invalid idempotency key: ${reason}`);
    const error = (() => {
      try {
        parseIdempotencyKeyHeader(header);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toMatchObject({ status: 400, code: "idempotency_key_invalid" });
  });

  it("reads back every printable ASCII key a client serialises (property)", () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 255 });
    fc.assert(
      fc.property(printable, (key) => {
        expect(parseIdempotencyKeyHeader(sfString(key))).toBe(key);
      }),
    );
  });
});
