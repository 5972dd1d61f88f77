import { describe, expect, it, vi } from "vitest";

// ts-morph's bundled TypeScript is loaded on first use through the code cache; pretend it is TypeScript 7.
vi.mock("../../../tools/checker/analyse/code-cache.js", () => ({
  requireWithCodeCache: () => ({ version: "7.0.1" }),
  codeCacheFile: () => "",
}));

const { assertNotEmpty, assertSupportedVersion, assertTypeScriptPackage, installedTypeScriptVersion, TYPESCRIPT_MISSING } = await import("../../../tools/checker/guards.js");
const { typescript } = await import("../../../tools/checker/analyse/typescript.js");
const { CheckerConfigError } = await import("../../../tools/checker/errors.js");

const REFUSAL =
  "ts-morph's bundled TypeScript is 7.0.1; the checker supports TypeScript 6 and older (TypeScript 7 makes dependency-cruiser analyse nothing and pass). Install typescript@~6.";

describe("guards", () => {
  it("refuses a TypeScript 7 bundled with ts-morph when it is loaded", () => {
    expect(() => typescript()).toThrow(CheckerConfigError);
    expect(() => typescript()).toThrow(REFUSAL);
  });

  it("refuses TypeScript 7 and accepts 6", () => {
    expect(() => assertSupportedVersion("ts-morph's bundled TypeScript", "7.0.1")).toThrow(REFUSAL);
    expect(() => assertSupportedVersion("the installed typescript package", "6.0.3")).not.toThrow();
    expect(() => assertSupportedVersion("the installed typescript package", undefined)).not.toThrow();
  });

  it("refuses to run without the typescript package, or with TypeScript 7", () => {
    expect(() => assertTypeScriptPackage(undefined)).toThrow(CheckerConfigError);
    expect(() => assertTypeScriptPackage(undefined)).toThrow(TYPESCRIPT_MISSING);
    expect(() => assertTypeScriptPackage("7.0.1")).toThrow("the installed typescript package is 7.0.1;");
    expect(() => assertTypeScriptPackage("6.0.3")).not.toThrow();
  });

  it("reads the typescript package the repository resolves", () => {
    expect(installedTypeScriptVersion(import.meta.dirname)).toMatch(/^6\./);
  });

  it("refuses zero of anything", () => {
    expect(() => assertNotEmpty("things", 0, "Add one.")).toThrow("refusing to pass: zero things analysed. Add one.");
    expect(() => assertNotEmpty("things", 1, "Add one.")).not.toThrow();
  });
});
