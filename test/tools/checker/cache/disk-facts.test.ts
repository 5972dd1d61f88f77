/**
 * The facts a cached value read of the disk besides its key: what is
 * recorded for a lookup (the nearest existing folder's names with the
 * looked-up stem), a read (the bytes) and a link (the real path), and which
 * later changes make them fail: exactly those a resolver could find.
 */
import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskFactRecorder, diskFactsHold, RACY_MS, stemOf } from "../../../../tools/checker/cache/disk-facts.js";
import { tempDir } from "../fixture.js";

/** A repository with `lib/util/index.ts` and `lib/readme.md`. */
function repository(): string {
  const root = tempDir();
  mkdirSync(join(root, "lib/util"), { recursive: true });
  writeFileSync(join(root, "lib/util/index.ts"), "export {};\n");
  writeFileSync(join(root, "lib/readme.md"), "# lib\n");
  return root;
}

/** Sets a folder's mtime to long ago (old enough to stand for its listing). */
function age(path: string): void {
  const past = new Date(Date.now() - 10 * RACY_MS);
  utimesSync(path, past, past);
}

describe("stemOf", () => {
  it("cuts a name at its first dot after the first character", () => {
    expect(["util.ts", "util.d.ts", "util", "index.d.mts", "package.json", ".bin", "@types", "node_modules"].map(stemOf)).toEqual([
      "util",
      "util",
      "util",
      "index",
      "package",
      ".bin",
      "@types",
      "node_modules",
    ]);
  });
});

describe("diskFactRecorder and diskFactsHold", () => {
  it("a file looked for and not found is the names with its stem in its folder: a file any resolver could find there breaks the facts, another name does not", () => {
    for (const created of ["lib/util.ts", "lib/util.vue", "lib/util.d.ts"]) {
      const root = repository();
      const recorder = diskFactRecorder(root);
      recorder.looked(join(root, "lib/util.ts"), false);
      expect(Object.keys(recorder.facts.folders)).toEqual(["lib"]);
      expect(Object.keys(recorder.facts.folders.lib?.stems ?? {})).toEqual(["util"]);
      writeFileSync(join(root, "lib/other.ts"), "export {};\n");
      expect(diskFactsHold(root, recorder.facts).holds).toBe(true);
      writeFileSync(join(root, created), "export {};\n");
      expect({ created, holds: diskFactsHold(root, recorder.facts).holds }).toEqual({ created, holds: false });
    }
  });

  it("a path under missing folders is the names of its nearest existing folder: creating the first missing one breaks the facts", () => {
    const root = repository();
    const recorder = diskFactRecorder(root);
    recorder.looked(join(root, "shared/deep/totals.ts"), false);
    expect(recorder.facts.folders).toEqual({ ".": { stems: { shared: expect.any(String) as string } } });
    mkdirSync(join(root, "shared"));
    expect(diskFactsHold(root, recorder.facts).holds).toBe(false);
  });

  it("a folder whose index was found is recorded in its parent; its removal breaks the facts", () => {
    const root = repository();
    const recorder = diskFactRecorder(root);
    recorder.looked(join(root, "lib/util"), true);
    expect(diskFactsHold(root, recorder.facts).holds).toBe(true);
    rmSync(join(root, "lib/util"), { recursive: true });
    expect(diskFactsHold(root, recorder.facts).holds).toBe(false);
  });

  it("a found path the key covers already (a scanned file) is not recorded", () => {
    const root = repository();
    const recorder = diskFactRecorder(root, { covered: (path) => path === "lib/util/index.ts" });
    recorder.looked(join(root, "lib/util/index.ts"), true);
    recorder.looked(join(root, "lib/readme.md"), true);
    expect(Object.keys(recorder.facts.folders)).toEqual(["lib"]);
    expect(Object.keys(recorder.facts.folders.lib?.stems ?? {})).toEqual(["readme"]);
  });

  it("a file read is its bytes: rewritten the same it holds, edited it breaks", () => {
    const root = repository();
    const recorder = diskFactRecorder(root);
    recorder.read(join(root, "lib/readme.md"));
    writeFileSync(join(root, "lib/readme.md"), "# lib\n");
    expect(diskFactsHold(root, recorder.facts).holds).toBe(true);
    writeFileSync(join(root, "lib/readme.md"), "# lib, edited\n");
    expect(diskFactsHold(root, recorder.facts).holds).toBe(false);
  });

  it("a link is its real path: pointed elsewhere it breaks", () => {
    const root = repository();
    mkdirSync(join(root, "other"));
    symlinkSync("lib", join(root, "linked"));
    const recorder = diskFactRecorder(root);
    recorder.linked(join(root, "linked"), join(root, "lib"));
    expect(recorder.facts.links).toEqual({ linked: "lib" });
    expect(diskFactsHold(root, recorder.facts).holds).toBe(true);
    rmSync(join(root, "linked"));
    symlinkSync("other", join(root, "linked"));
    expect(diskFactsHold(root, recorder.facts).holds).toBe(false);
  });

  it("a folder's mtime is kept only when old enough; a recent one is listed again, and kept once old (refreshed)", () => {
    const root = repository();
    const recent = diskFactRecorder(root);
    recent.looked(join(root, "lib/util.ts"), false);
    expect(recent.facts.folders.lib?.mtime).toBeUndefined();
    age(join(root, "lib"));
    expect(diskFactsHold(root, recent.facts)).toEqual({ holds: true, refreshed: true });
    expect(recent.facts.folders.lib?.mtime).toEqual(expect.any(Number));
    expect(diskFactsHold(root, recent.facts)).toEqual({ holds: true, refreshed: false });

    const old = diskFactRecorder(root);
    old.looked(join(root, "lib/util.ts"), false);
    expect(old.facts.folders.lib?.mtime).toEqual(recent.facts.folders.lib?.mtime);
    // A change moves the mtime: the names are listed again and compared.
    writeFileSync(join(root, "lib/util.ts"), "export {};\n");
    expect(diskFactsHold(root, old.facts)).toEqual({ holds: false, refreshed: false });
  });

  it("a removed folder breaks the facts", () => {
    const root = repository();
    const recorder = diskFactRecorder(root);
    recorder.looked(join(root, "lib/util/package.json"), false);
    expect(Object.keys(recorder.facts.folders)).toEqual(["lib/util"]);
    rmSync(join(root, "lib"), { recursive: true });
    expect(diskFactsHold(root, recorder.facts).holds).toBe(false);
  });

  it("forget() makes the next lookup list the folder again", () => {
    const root = repository();
    const facts = { folders: {}, files: {}, links: {} };
    const recorder = diskFactRecorder(root, { into: facts });
    recorder.looked(join(root, "lib/a.ts"), false);
    writeFileSync(join(root, "lib/b.ts"), "export {};\n");
    recorder.forget();
    recorder.looked(join(root, "lib/b.ts"), true);
    expect(diskFactsHold(root, facts).holds).toBe(true);
  });
});
