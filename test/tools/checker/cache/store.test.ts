import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, defaultCacheDir, fileCache, NO_CACHE, sectionSaved } from "../../../../tools/checker/cache/store.js";
import { tempDir } from "../fixture.js";

describe("the cache store", () => {
  it("serves an entry only for its key and namespace, and writes only what changed", () => {
    const root = tempDir();
    const store = fileCache(defaultCacheDir(root), "ns-1");
    const section = store.section<number>("facts");
    expect(section.get("a.ts", "k1")).toBeUndefined();
    section.set("a.ts", "k1", 1);
    store.save();
    const file = join(root, CACHE_DIR, "facts.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ namespace: "ns-1", entries: { "a.ts": { key: "k1", value: 1 } } });

    const again = fileCache(defaultCacheDir(root), "ns-1").section<number>("facts");
    expect(again.get("a.ts", "k1")).toBe(1);
    expect(again.get("a.ts", "k2")).toBeUndefined();
    expect(fileCache(defaultCacheDir(root), "ns-2").section<number>("facts").get("a.ts", "k1")).toBeUndefined();
  });

  it("tells whether a section has been saved in a folder, without opening it", () => {
    const dir = defaultCacheDir(tempDir());
    expect(sectionSaved(dir, "contracts")).toBe(false);
    const store = fileCache(dir, "ns");
    store.section<number>("contracts").set("c.yaml", "k", 1);
    expect(sectionSaved(dir, "contracts")).toBe(false);
    store.save();
    expect(sectionSaved(dir, "contracts")).toBe(true);
    expect(sectionSaved(dir, "graph")).toBe(false);
  });

  it("drops untouched entries of a section that asks for it, keeps them otherwise", () => {
    const root = tempDir();
    const first = fileCache(defaultCacheDir(root), "ns");
    first.section<number>("graph", { untouched: "drop" }).set("gone.ts", "k", 1);
    first.section<number>("apis").set("gone.ts", "k", 1);
    first.save();
    const second = fileCache(defaultCacheDir(root), "ns");
    second.section<number>("graph", { untouched: "drop" }).set("kept.ts", "k", 2);
    second.section<number>("apis").set("kept.ts", "k", 2);
    second.save();
    const read = (name: string): string[] => Object.keys((JSON.parse(readFileSync(join(root, CACHE_DIR, `${name}.json`), "utf8")) as { entries: object }).entries);
    expect(read("graph")).toEqual(["kept.ts"]);
    expect(read("apis")).toEqual(["gone.ts", "kept.ts"]);
  });

  it("treats a corrupt file as empty, and --no-cache writes nothing", () => {
    const root = tempDir();
    const store = fileCache(defaultCacheDir(root), "ns");
    store.section<number>("facts").set("a", "k", 1);
    store.save();
    writeFileSync(join(root, CACHE_DIR, "facts.json"), "{ not json");
    expect(fileCache(defaultCacheDir(root), "ns").section<number>("facts").get("a", "k")).toBeUndefined();
    const other = tempDir();
    NO_CACHE.section<number>("facts").set("a", "k", 1);
    NO_CACHE.save();
    expect(NO_CACHE.section<number>("facts").get("a", "k")).toBeUndefined();
    expect(existsSync(join(other, CACHE_DIR))).toBe(false);
  });
});
