import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdempotencyKeyInvalidError, IdempotencyOptionsInvalidError } from "../../../spine/drivers/idempotency.js";
import { parseIdempotencyKeyHeader, type IdempotencyKeyFormat, type ParseKeyOptions } from "../../../spine/orchestrator/index.js";

/** Serialises a key as an RFC 8941 sf-string, escaping `"` and `\`. */
function sfString(key: string): string {
  return `"${key.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** What `work` threw, or `null`. */
function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (caught) {
    return caught;
  }
  return null;
}

/** Asserts that parsing `header` throws a 400 IdempotencyKeyInvalidError with this reason. */
function expectInvalid(header: string | readonly string[] | undefined, options: ParseKeyOptions | undefined, reason: string): void {
  const error = thrown(() => parseIdempotencyKeyHeader(header, options));
  expect(error).toBeInstanceOf(IdempotencyKeyInvalidError);
  expect(error).toMatchObject({ message: `invalid idempotency key: ${reason}`, status: 400, code: "idempotency_key_invalid", retryable: false });
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

describe("parseIdempotencyKeyHeader takes the header as an array (Node's IncomingHttpHeaders, Fastify)", () => {
  const formats: readonly (IdempotencyKeyFormat | undefined)[] = [undefined, "sf-string", "token", "either"];

  it.each([
    [undefined, '"order-43"', "order-43"],
    ["sf-string", '"order-43"', "order-43"],
    ["token", "order-43", "order-43"],
    ["either", '"order-43"', "order-43"],
    ["either", "order-43", "order-43"],
  ] as const)("reads an array of one value as that value (format %s, value %s)", (format, header, key) => {
    expect(parseIdempotencyKeyHeader([header], format === undefined ? undefined : { format })).toBe(key);
  });

  it.each(formats)("refuses an empty array as a missing header (format %s)", (format) => {
    expectInvalid([], format === undefined ? undefined : { format }, "the Idempotency-Key header is missing");
  });

  it.each(formats)("refuses two or more values as a header sent more than once (format %s)", (format) => {
    const options = format === undefined ? undefined : { format };
    expectInvalid(['"a"', '"b"'], options, "the Idempotency-Key header was sent more than once");
    expectInvalid(["a", "a", "a"], options, "the Idempotency-Key header was sent more than once");
  });
});

describe('parseIdempotencyKeyHeader with format "token" (Stripe-style unquoted keys)', () => {
  const token: ParseKeyOptions = { format: "token" };

  it.each([
    ["order-43", "order-43"],
    ["  order-43\t ", "order-43"],
    ["8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ['"order-43"', '"order-43"'],
    ["a, b", "a, b"],
    ["with spaces inside", "with spaces inside"],
    ["ключ", "ключ"],
    ["k".repeat(255), "k".repeat(255)],
  ])("reads %j as the key %j", (header, key) => {
    expect(parseIdempotencyKeyHeader(header, token)).toBe(key);
  });

  it.each([
    ["missing", undefined, "the Idempotency-Key header is missing"],
    ["empty", "", "it is empty"],
    ["spaces and tabs only", " \t ", "it is empty"],
    ["a key over 255 characters", "k".repeat(256), "it is 256 characters long; the limit is 255"],
    ["a tab inside", "a\tb", "it contains the control character U+0009 at index 1"],
  ])("refuses %s with IdempotencyKeyInvalidError (400)", (_label, header, reason) => {
    expectInvalid(header, token, reason);
  });
});

describe('parseIdempotencyKeyHeader with format "either"', () => {
  const either: ParseKeyOptions = { format: "either" };

  it.each([
    ['"order-43"', "order-43"],
    ["order-43", "order-43"],
    ['  "a\\"b";p=1', 'a"b'],
    ['a"b', 'a"b'],
    ["  order-43  ", "order-43"],
  ])("reads %j as the key %j", (header, key) => {
    expect(parseIdempotencyKeyHeader(header, either)).toBe(key);
  });

  it.each([
    ["a value that starts with a quote but is no sf-string", '"abc', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["two strings joined by a comma", '"a", "b"', "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)"],
    ["an empty string", '""', "it is empty"],
    ["missing", undefined, "the Idempotency-Key header is missing"],
  ])("refuses %s with IdempotencyKeyInvalidError (400)", (_label, header, reason) => {
    expectInvalid(header, either, reason);
  });
});

describe("parseIdempotencyKeyHeader reads back what a client sends (property)", () => {
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 255 });
  const bare = printable.filter((key) => key.trim() === key && key.length > 0);

  it('with format "token": every printable ASCII key without surrounding spaces, as sent', () => {
    fc.assert(
      fc.property(bare, (key) => {
        expect(parseIdempotencyKeyHeader(key, { format: "token" })).toBe(key);
      }),
    );
  });

  it('with format "either": every key quoted, and every key unquoted that does not start with a quote', () => {
    fc.assert(
      fc.property(printable, (key) => {
        expect(parseIdempotencyKeyHeader(sfString(key), { format: "either" })).toBe(key);
      }),
    );
    fc.assert(
      fc.property(
        bare.filter((key) => !key.startsWith('"')),
        (key) => {
          expect(parseIdempotencyKeyHeader(key, { format: "either" })).toBe(key);
        },
      ),
    );
  });
});

describe("parseIdempotencyKeyHeader's format option", () => {
  it('defaults to "sf-string": an unquoted key is refused', () => {
    expectInvalid("order-43", {}, "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)");
    expectInvalid("order-43", { format: "sf-string" }, "the Idempotency-Key header is not a quoted string (RFC 8941 sf-string)");
  });

  it.each([
    ["an unknown name", "quoted", '"quoted"'],
    ["another case", "Token", '"Token"'],
    ["a number", 1, "1"],
    ["null", null, "null"],
  ])("refuses %s with IdempotencyOptionsInvalidError (500), before looking at the header", (_label, format, got) => {
    for (const header of ['"order-43"', undefined]) {
      const error = thrown(() => parseIdempotencyKeyHeader(header, { format: format as IdempotencyKeyFormat }));
      expect(error).toBeInstanceOf(IdempotencyOptionsInvalidError);
      expect(error).toMatchObject({
        message: `invalid idempotency options: the Idempotency-Key format must be "sf-string", "token" or "either", got ${got}`,
        status: 500,
        code: "idempotency_options_invalid",
      });
    }
  });
});
