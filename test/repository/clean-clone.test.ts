/**
 * A fresh clone stays clean: `npm install` leaves `package-lock.json` as
 * committed (npm recomputes the lockfile from the manifests in a scratch
 * copy, `--package-lock-only`, and it must come out byte for byte the same),
 * and the tree tracks no checker cache: no `.spine-cache/` (the old layout)
 * and nothing under `node_modules/`, and no tracked file but this one names
 * `.spine-cache`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repository = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "spine-clean-clone-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The tracked files, repository-relative. */
function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "-z"], { cwd: repository, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\0").filter((path) => path !== "");
}

/** The workspace manifests and the lockfile: what `npm install` reads to write the lockfile. */
function manifests(): string[] {
  const root = JSON.parse(readFileSync(join(repository, "package.json"), "utf8")) as { workspaces?: string[] };
  return ["package.json", "package-lock.json", ...(root.workspaces ?? []).map((workspace) => `${workspace}/package.json`)];
}

describe("a fresh clone stays clean", () => {
  it("npm install leaves package-lock.json unchanged", () => {
    for (const path of manifests()) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      cpSync(join(repository, path), join(scratch, path));
    }
    execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch, stdio: "pipe", timeout: 60_000 });
    expect(readFileSync(join(scratch, "package-lock.json"), "utf8") === readFileSync(join(repository, "package-lock.json"), "utf8")).toBe(true);
  }, 90_000);

  it("the tree tracks no checker cache, and no file names the old .spine-cache/ folder", () => {
    const tracked = trackedFiles();
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.filter((path) => path.startsWith(".spine-cache/") || path.startsWith("node_modules/") || path.includes("/node_modules/.cache/"))).toEqual([]);
    const self = "test/repository/clean-clone.test.ts";
    const naming = tracked.filter((path) => path !== self && !/\.(png|svg|tgz)$/.test(path) && readFileSync(join(repository, path), "utf8").includes(".spine-cache"));
    expect(naming).toEqual([]);
  });
});
