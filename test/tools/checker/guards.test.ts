import { describe, expect, it, vi } from "vitest";

vi.mock("ts-morph", async (importOriginal) => {
  const original = await importOriginal<typeof import("ts-morph")>();
  return { ...original, ts: { ...original.ts, version: "7.0.1" } };
});

const { assertNotEmpty, assertSupportedTypeScript, installedTypeScriptVersion } = await import("../../../tools/checker/guards.js");
const { CheckerConfigError } = await import("../../../tools/checker/errors.js");

describe("guards", () => {
  it("refuses a TypeScript 7 bundled with ts-morph", () => {
    expect(() => assertSupportedTypeScript(import.meta.dirname)).toThrow(CheckerConfigError);
    expect(() => assertSupportedTypeScript(import.meta.dirname)).toThrow(
      "ts-morph's bundled TypeScript is 7.0.1; the checker supports TypeScript 6 and older (TypeScript 7 makes dependency-cruiser analyse nothing and pass). Install typescript@~6.",
    );
  });

  it("reads the typescript package the repository resolves", () => {
    expect(installedTypeScriptVersion(import.meta.dirname)).toMatch(/^6\./);
  });

  it("refuses zero of anything", () => {
    expect(() => assertNotEmpty("things", 0, "Add one.")).toThrow("refusing to pass: zero things analysed. Add one.");
    expect(() => assertNotEmpty("things", 1, "Add one.")).not.toThrow();
  });
});
