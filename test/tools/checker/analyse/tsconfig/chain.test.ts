import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTsconfigChain } from "../../../../../tools/checker/analyse/tsconfig/chain.js";
import { parseJsonc } from "../../../../../tools/checker/analyse/tsconfig/jsonc.js";
import { tempDir } from "../../fixture.js";

function files(root: string, entries: Record<string, string>): void {
  for (const [path, text] of Object.entries(entries)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe("tsconfig files read without TypeScript", () => {
  it("parse with comments and trailing commas, leaving strings alone", () => {
    expect(parseJsonc('{ // c\n "a": "x // y, ]", /* z */ "b": [1, 2,], }')).toEqual({ a: "x // y, ]", b: [1, 2] });
    expect(parseJsonc("{ not json")).toBeUndefined();
  });

  it("follow extends (files and packages) and references; a solution resolves with the first reference that sets paths", () => {
    const root = tempDir();
    files(root, {
      "tsconfig.json": '{ "files": [], "references": [{ "path": "./tsconfig.node.json" }, { "path": "./app" }] }',
      "tsconfig.node.json": '{ "compilerOptions": {}, "include": ["tools"] }',
      "app/tsconfig.json": '{ "extends": ["@fx/tsconfig/base.json", "../tsconfig.paths.json"], "include": ["src"] }',
      "tsconfig.paths.json": '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      "node_modules/@fx/tsconfig/base.json": '{ "compilerOptions": { "strict": true } }',
    });
    const chain = readTsconfigChain(join(root, "tsconfig.json"));
    expect(chain.files.map((f) => [f.path.slice(root.length + 1), f.text !== undefined])).toEqual([
      ["tsconfig.json", true],
      ["tsconfig.node.json", true],
      ["app/tsconfig.json", true],
      ["node_modules/@fx/tsconfig/base.json", true],
      ["tsconfig.paths.json", true],
    ]);
    expect(chain.resolution).toBe(join(root, "app/tsconfig.json"));
    expect(chain.pathPatterns).toEqual(["@/*"]);
  });

  it("resolve a solution with its own paths when none of its references sets any (a layout project templates suggest)", () => {
    const root = tempDir();
    files(root, {
      "tsconfig.json": '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }], "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }',
      "tsconfig.app.json": '{ "compilerOptions": { "strict": true }, "include": ["src"] }',
    });
    const chain = readTsconfigChain(join(root, "tsconfig.json"));
    expect(chain.resolution).toBe(join(root, "tsconfig.json"));
    expect(chain.pathPatterns).toEqual(["@/*"]);
  });

  it("record a missing extended file (so that creating it changes the cache key) and a missing tsconfig", () => {
    const root = tempDir();
    files(root, { "tsconfig.json": '{ "extends": "./missing.json" }' });
    const chain = readTsconfigChain(join(root, "tsconfig.json"));
    expect(chain.files.map((f) => [f.path.slice(root.length + 1), f.text])).toEqual([
      ["tsconfig.json", '{ "extends": "./missing.json" }'],
      ["#extends:./missing.json", undefined],
    ]);
    expect(readTsconfigChain(join(root, "none.json"))).toEqual({ files: [{ path: join(root, "none.json"), text: undefined }], resolution: undefined, pathPatterns: [] });
  });
});
