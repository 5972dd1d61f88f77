import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, MAX_PAYLOAD_DEPTH, PayloadInvalidError, requestFingerprint } from "../../../spine/orchestrator/index.js";

/**
 * The oracle: `JSON.stringify` of a plain JSON value (what `JSON.parse` returns)
 * with object keys sorted by UTF-16 code units. Written independently of
 * `canonicalJson`; plain values have no holes, no `undefined`, no `toJSON`.
 */
function sortedStringify(plain: unknown): string {
  if (Array.isArray(plain)) return `[${plain.map(sortedStringify).join(",")}]`;
  if (plain !== null && typeof plain === "object") {
    const record = plain as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${sortedStringify(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(plain);
}

/** `JSON.stringify(value)` with keys sorted: what `canonicalJson(value)` must equal. */
function expected(value: unknown): string {
  return sortedStringify(JSON.parse(JSON.stringify(value)));
}

/** Values JSON.stringify serialises without losing information, in every form a caller may pass them. */
const jsonAble: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; member: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: "binary" }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => new Number(n)),
    fc.string({ unit: "binary" }).map((s) => new String(s)),
    fc.boolean().map((b) => new Boolean(b)),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("member")),
    fc.sparseArray(tie("value"), { noTrailingHole: false }),
    fc.dictionary(fc.string({ unit: "binary" }), tie("member")),
    fc.object({ maxDepth: 2 }).map((o) => JSON.parse(JSON.stringify(o)) as unknown),
  ),
  member: fc.oneof({ depthSize: "small" }, tie("value"), fc.constant(undefined)),
})).value;

describe("canonicalJson is JSON.stringify with sorted keys, or a PayloadInvalidError", () => {
  it("equals JSON.stringify with sorted keys for arbitrary JSON-able values (property)", () => {
    fc.assert(
      fc.property(jsonAble, (value) => {
        expect(canonicalJson(value)).toBe(expected(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("is the same for any key order (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });

  it("sorts keys at every depth and drops white space", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("sorts integer-like keys as strings, unlike the engine's own order", () => {
    expect(canonicalJson({ 10: "a", 9: "b", x: 1 })).toBe('{"10":"a","9":"b","x":1}');
  });

  it("serialises boxed primitives as their primitive values, as JSON.stringify does", () => {
    expect(canonicalJson({ amount: new Number(100) })).toBe('{"amount":100}');
    expect(canonicalJson({ amount: new Number(999) })).toBe('{"amount":999}');
    expect(requestFingerprint({ amount: new Number(100) })).not.toBe(requestFingerprint({ amount: new Number(999) }));
    expect(requestFingerprint({ amount: new Number(100) })).toBe(requestFingerprint({ amount: 100 }));
    expect(canonicalJson([new String("x"), new Boolean(false)])).toBe('["x",false]');
  });

  it("turns array holes and undefined elements into null, and leaves out undefined members", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([, 1])).toBe("[null,1]");
    expect(canonicalJson(new Array(3))).toBe("[null,null,null]");
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it("calls toJSON with the member's key, as JSON.stringify does", () => {
    const keyed = { toJSON: (key: string) => `key:${key}` };
    expect(canonicalJson({ a: keyed, b: [keyed] })).toBe(JSON.stringify({ a: keyed, b: [keyed] }));
    expect(canonicalJson(keyed)).toBe('"key:"');
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.000Z") })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });

  it(`accepts nesting up to ${1_000} levels and rejects deeper nesting with PayloadInvalidError, never a RangeError`, () => {
    expect(MAX_PAYLOAD_DEPTH).toBe(1_000);
    const nest = (depth: number): unknown => {
      let value: unknown = 1;
      for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { v: value };
      return value;
    };
    expect(canonicalJson(nest(MAX_PAYLOAD_DEPTH))).toBe(JSON.stringify(nest(MAX_PAYLOAD_DEPTH)));
    for (const depth of [MAX_PAYLOAD_DEPTH + 1, 100_000]) {
      expect(() => canonicalJson(nest(depth))).toThrow(PayloadInvalidError);
      expect(() => canonicalJson(nest(depth))).toThrow(`request payload is not plain JSON: payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    }
  });

  it.each([
    ["NaN", { n: Number.NaN }, "payload.n is NaN"],
    ["Infinity", [Number.POSITIVE_INFINITY], "payload[0] is Infinity"],
    ["a boxed NaN", { n: new Number(Number.NaN) }, "payload.n is NaN"],
    ["a bigint", { n: 1n }, "payload.n is a bigint"],
    ["a boxed bigint", { n: Object(1n) as object }, "payload.n is a bigint"],
    ["a function", { f: () => 1 }, "payload.f is a function"],
    ["a symbol", { s: Symbol("s") }, "payload.s is a symbol"],
    ["a Map", { m: new Map([["a", 1]]) }, "payload.m is a Map, which JSON writes as {}"],
    ["a Set", { s: new Set([1]) }, "payload.s is a Set, which JSON writes as {}"],
    ["undefined", undefined, "payload is undefined"],
  ])("rejects %s with PayloadInvalidError", (_label, payload, reason) => {
    expect(() => canonicalJson(payload)).toThrow(PayloadInvalidError);
    expect(() => canonicalJson(payload)).toThrow(`request payload is not plain JSON: ${reason}`);
  });

  it("rejects a cycle", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow("payload.self refers to itself");
  });

  it("accepts the same object twice when it is not a cycle", () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});

describe("requestFingerprint", () => {
  it("is the hex SHA-256 of the canonical JSON", () => {
    // sha256('{"a":1,"b":2}')
    expect(requestFingerprint({ b: 2, a: 1 })).toBe("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
  });
});

/** sha256(''): the fingerprint of a request without a body. */
const NO_BODY_FINGERPRINT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("requestFingerprint of a request without a body (a top-level undefined payload)", () => {
  it("is the SHA-256 of the empty string, not a PayloadInvalidError", () => {
    expect(requestFingerprint(undefined)).toBe(NO_BODY_FINGERPRINT);
  });

  it("differs from the fingerprints of null, {}, [], \"\", 0 and false, which differ from each other", () => {
    const payloads: readonly unknown[] = [undefined, null, {}, [], "", 0, false];
    const fingerprints = payloads.map((payload) => requestFingerprint(payload));
    expect(new Set(fingerprints).size).toBe(payloads.length);
    expect(fingerprints.slice(1)).toEqual(payloads.slice(1).map((payload) => createHash("sha256").update(JSON.stringify(payload)).digest("hex")));
  });

  it("differs from the fingerprint of every JSON value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(requestFingerprint(value)).not.toBe(NO_BODY_FINGERPRINT);
      }),
    );
  });

  it("leaves undefined nested in an object or array as canonicalJson makes it: a member left out, an element null", () => {
    expect(requestFingerprint({ a: undefined })).toBe(requestFingerprint({}));
    expect(requestFingerprint({ a: undefined, b: 1 })).toBe(requestFingerprint({ b: 1 }));
    expect(requestFingerprint([undefined])).toBe(requestFingerprint([null]));
    expect(requestFingerprint({ a: [undefined] })).toBe(requestFingerprint({ a: [null] }));
  });

  it("still refuses a top-level value whose toJSON returns undefined, and canonicalJson(undefined): there is no JSON text", () => {
    const nothing = { toJSON: () => undefined };
    expect(() => requestFingerprint(nothing)).toThrow(PayloadInvalidError);
    expect(() => requestFingerprint(nothing)).toThrow("request payload is not plain JSON: payload is undefined");
    expect(() => canonicalJson(undefined)).toThrow("request payload is not plain JSON: payload is undefined");
  });
});
