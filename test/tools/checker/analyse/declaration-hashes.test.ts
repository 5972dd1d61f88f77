import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashOf } from "../../../../tools/checker/cache/hash.js";
import { defaultCacheDir, fileCache } from "../../../../tools/checker/cache/store.js";
import { declarationHashReader } from "../../../../tools/checker/analyse/declaration-hashes.js";
import { tempDir } from "../fixture.js";

/** Reads a file of `root` as the graph reads it from the disk. */
function fromDisk(root: string): (path: string) => string | undefined {
  return (path) => {
    try {
      return readFileSync(join(root, path), "utf8");
    } catch {
      return undefined;
    }
  };
}
const SOURCE = "/** Posts an entry. */\nexport function post(cents: number): number {\n  return cents;\n}\n";

/** Writes `text` at `shared.ts` of `root` and returns its content hash. */
function write(root: string, text: string): string {
  writeFileSync(join(root, "shared.ts"), text);
  return hashOf(text);
}

describe("declaration hashes on demand", () => {
  it("do not change with a comment or a typed function's body, do with a signature", () => {
    const root = tempDir();
    const reader = declarationHashReader(fileCache(defaultCacheDir(root), "ns"), fromDisk(root));
    const original = reader("shared.ts", write(root, SOURCE));
    expect(original).not.toBe(hashOf(SOURCE));
    expect(reader("shared.ts", write(root, SOURCE.replace("return cents;", "// a comment\n  return cents + 0;")))).toBe(original);
    expect(reader("shared.ts", write(root, SOURCE.replace("cents: number)", "cents: bigint)")))).not.toBe(original);
  });

  it("are cached by content hash, so a later run does not read the file", () => {
    const root = tempDir();
    const hash = write(root, SOURCE);
    const first = fileCache(defaultCacheDir(root), "ns");
    const computed = declarationHashReader(first, fromDisk(root))("shared.ts", hash);
    first.save();
    expect(JSON.parse(readFileSync(join(defaultCacheDir(root), "declaration-hash.json"), "utf8"))).toEqual({ namespace: "ns", entries: { "shared.ts": { key: hash, value: computed } } });
    let reads = 0;
    const readText = (): string => {
      reads += 1;
      return SOURCE;
    };
    expect(declarationHashReader(fileCache(defaultCacheDir(root), "ns"), readText)("shared.ts", hash)).toBe(computed);
    expect(reads).toBe(0);
  });

  it("fall back to the content hash of a file edited since the graph read it, and cache nothing then", () => {
    const root = tempDir();
    const store = fileCache(defaultCacheDir(root), "ns");
    const reader = declarationHashReader(store, fromDisk(root));
    const readBefore = hashOf(SOURCE);
    write(root, SOURCE.replace("cents: number)", "cents: bigint)"));
    expect(reader("shared.ts", readBefore)).toBe(readBefore);
    expect(reader("missing.ts", "some-hash")).toBe("some-hash");
    store.save();
    expect(() => readFileSync(join(defaultCacheDir(root), "declaration-hash.json"))).toThrow();
  });
});
