/**
 * The cache cannot change a result (fast tier): a sample of the
 * warm-equals-cold matrix (`warm-matrix.ts`; the rest is in
 * cache.slow.test.ts), dependency-cruiser's findings served from the cache,
 * and the cases the cache once got wrong changed by their change.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHANGES } from "./changes.js";
import { describeWarmMatrix, FAST_RUNS, outcome, repository } from "./warm-matrix.js";

describeWarmMatrix(FAST_RUNS);

describe("what the cache serves", () => {
  it("dependency-cruiser's findings are served from the cache when nothing changed (the comparisons above can fail)", async () => {
    const root = repository("inbound-import");
    const cold = JSON.parse(await outcome(root, true, "depcruise")) as { report: { violations: unknown[] } };
    expect(cold.report.violations.length).toBeGreaterThan(0);
    const file = join(root, "node_modules/.cache/spine-check/depcruise.json");
    const stored = JSON.parse(readFileSync(file, "utf8")) as { entries: { findings: { value: { violations: unknown[] } } } };
    stored.entries.findings.value.violations = [];
    writeFileSync(file, JSON.stringify(stored));
    const served = JSON.parse(await outcome(root, true, "depcruise")) as { report: { violations: unknown[] } };
    expect(served.report.violations).toEqual([]);
  });

  it("the cases the cache once got wrong are changed by their change (the test can fail)", async () => {
    const results = new Map<string, string[]>();
    for (const name of ["cache-tsconfig-extends", "cache-workspace-link", "cache-workspace-source", "cache-lockfile"]) {
      const root = repository(name);
      const seen = [await outcome(root, true)];
      for (const change of CHANGES) {
        change.apply(root);
        seen.push(await outcome(root, true));
      }
      results.set(name, seen);
    }
    const changedBy = (name: string, change: string): boolean => {
      const seen = results.get(name) ?? [];
      const index = CHANGES.findIndex((c) => c.name === change) + 1;
      return seen[index] !== seen[index - 1];
    };
    expect(changedBy("cache-tsconfig-extends", "a tsconfig of the extends chain")).toBe(true);
    expect(changedBy("cache-workspace-link", "a workspace link in node_modules")).toBe(true);
    expect(changedBy("cache-workspace-source", "a workspace package's manifest")).toBe(true);
    expect(changedBy("cache-lockfile", "a lockfile (an upgraded package)")).toBe(true);
  });
});


