import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, PayloadInvalidError, requestFingerprint } from "../../../spine/orchestrator/index.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops white space", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("leaves out undefined members as JSON does, and keeps array holes as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it("uses toJSON, so dates become ISO strings", () => {
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.000Z") })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
  });

  it.each([
    ["NaN", { n: Number.NaN }, "payload.n is NaN"],
    ["Infinity", [Number.POSITIVE_INFINITY], "payload[0] is Infinity"],
    ["a bigint", { n: 1n }, "payload.n is a bigint"],
    ["a function", { f: () => 1 }, "payload.f is a function"],
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

  it("is the same for any key order, and parses back to an equal value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        if (value !== null && typeof value === "object" && !Array.isArray(value)) {
          const reversed = Object.fromEntries(Object.entries(value).reverse());
          expect(canonicalJson(reversed)).toBe(text);
        }
      }),
    );
  });
});

describe("requestFingerprint", () => {
  it("is the hex SHA-256 of the canonical JSON", () => {
    // sha256('{"a":1,"b":2}')
    expect(requestFingerprint({ b: 2, a: 1 })).toBe("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777");
  });
});
