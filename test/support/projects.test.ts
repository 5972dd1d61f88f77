/**
 * The project lists hold: every test file that calls `vi.mock` is in
 * {@link MOCKS} (a mock in the `unit` project, whose files share modules,
 * would replace the module for the files after it), and every file that
 * {@link MOCKS} names exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MOCKS } from "./projects.js";

const repository = resolve(import.meta.dirname, "../..");

/** Every `*.test.ts` under `dir`, repository-relative, fixtures left out. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(repository, path)] : [];
  });
}

describe("the vitest projects", () => {
  it("isolate every file that calls vi.mock, and name only files that exist", () => {
    const mocking = testFiles(join(repository, "test")).filter((path) => /\bvi\.mock\(/.test(readFileSync(join(repository, path), "utf8")));
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.sort()).toEqual([...MOCKS].sort());
    expect(MOCKS.filter((path) => !existsSync(join(repository, path)))).toEqual([]);
  });
});
