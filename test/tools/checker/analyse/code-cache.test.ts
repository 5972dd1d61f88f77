import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { codeCacheFile } from "../../../../tools/checker/analyse/code-cache.js";

const TYPESCRIPT = "/repo/node_modules/@ts-morph/common/dist/typescript.js";

describe("the code cache's file", () => {
  it("is kept under node_modules/.cache/spine-check/ of the folder the file is installed in", () => {
    expect(codeCacheFile(TYPESCRIPT, "typescript", [])).toBe(`/repo/node_modules/.cache/spine-check/typescript-${process.version}-${process.arch}.v8cache`);
  });

  it("is one per set of Node options, since V8 rejects a cache made under other flags", () => {
    const plain = basename(codeCacheFile(TYPESCRIPT, "typescript", []));
    const tuned = basename(codeCacheFile(TYPESCRIPT, "typescript", ["--interrupt-budget=540672"]));
    expect(tuned).toMatch(new RegExp(`^typescript-${process.version}-${process.arch}-[0-9a-f]{12}\\.v8cache$`));
    expect(tuned).not.toBe(plain);
    expect(codeCacheFile(TYPESCRIPT, "typescript", ["--interrupt-budget=540672"])).toBe(codeCacheFile(TYPESCRIPT, "typescript", ["--interrupt-budget=540672"]));
    expect(codeCacheFile(TYPESCRIPT, "typescript", ["--stack-size=2000"])).not.toBe(codeCacheFile(TYPESCRIPT, "typescript", ["--interrupt-budget=540672"]));
  });
});
