/**
 * Files outside the scan decide how scanned imports resolve: a file created
 * where an unresolved import looks, a file that comes before the one an
 * import led to, a package installed in `node_modules` without a lockfile or
 * install record, a file outside the scan that a contracted module
 * re-exports. After each such change a warm run (the cache of the run
 * before) must equal `--no-cache` and report exactly the expected findings
 * (`rule file:line:col -> target`) and exit code, with each engine and both.
 * The fixture `cache-outside-scan` scans `spine/**` and `api/**` only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CheckOptions, runCheck, watchCheck } from "../../../../tools/checker/main.js";
import type { CheckResult } from "../../../../tools/checker/result.js";
import { fixtureRepo } from "../fixture.js";
import { checksLayer, describeOutsideScan, installLegder, LEGDER_UNRESOLVED, remove, run, scenarioRepo, TOTALS_UNRESOLVED, USERS, write } from "./outside-scan-scenarios.js";

// Each engine alone here; both (`--engine all`) in outside-scan.slow.test.ts.
describeOutsideScan(["ts-morph", "depcruise"]);

/** The generation of the cached resolution facts, and whether dependency-cruiser's entry holds facts. */
function cachedFacts(root: string): { generation: string; depcruiseFolders: readonly string[] } {
  const dir = join(root, "node_modules/.cache/spine-check");
  const graph = JSON.parse(readFileSync(join(dir, "resolution-facts.json"), "utf8")) as { entries: { facts: { value: { generation: string } } } };
  const depcruise = JSON.parse(readFileSync(join(dir, "depcruise.json"), "utf8")) as { entries: { findings: { value: { lookedAt: { folders: Record<string, unknown> } } } } };
  return { generation: graph.entries.facts.value.generation, depcruiseFolders: Object.keys(depcruise.entries.findings.value.lookedAt.folders).sort() };
}

describe("files outside the scan: what is kept of them", () => {
  it("the facts stay while nothing a resolution looked at changes (a file of another name beside them), and a new generation starts when one does", async () => {
    const root = scenarioRepo({ user: USERS.totals, initial: [], steps: [] });
    await run(root, "ts-morph", true);
    await run(root, "depcruise", true);
    const first = cachedFacts(root);
    // The unresolved import looked for shared/ in the root: the root's names with the stem `shared` are a fact.
    expect(first.depcruiseFolders).toContain(".");
    await run(root, "ts-morph", true);
    expect(cachedFacts(root).generation).toBe(first.generation);
    write(root, "notes.md", "# Notes\n");
    write(root, "sharing/readme.md", "# Not shared/\n");
    expect(await run(root, "ts-morph", true)).toEqual({ code: 1, found: [TOTALS_UNRESOLVED] });
    expect(cachedFacts(root).generation).toBe(first.generation);
    write(root, "shared/totals.ts", "export const total = 0;\n");
    expect(await run(root, "ts-morph", true)).toEqual({ code: 0, found: [] });
    expect(cachedFacts(root).generation).not.toBe(first.generation);
  }, 60_000);
});

/** A check result as `rule file:line:col -> target` strings, sorted. */
function foundIn(result: CheckResult): string[] {
  return result.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}:${v.column} -> ${v.target ?? ""}`).sort();
}

describe("files outside the scan: the watch loop's checks", () => {
  it("a file created outside the scan, named by the watcher, and a package installed in node_modules, which the watcher ignores, are seen by the next check", async () => {
    const root = fixtureRepo("cache-outside-scan");
    const options: CheckOptions = { root };
    // A run before the watch writes the cache that the session's reopenings read.
    await runCheck(options);
    const check = watchCheck();
    const truth = async (): Promise<string[]> => foundIn(await runCheck({ ...options, cache: false }));
    expect(foundIn(await check(options))).toEqual([checksLayer("tools/checks/index.ts"), LEGDER_UNRESOLVED, TOTALS_UNRESOLVED]);

    write(root, "shared/totals.ts", "export const total = 0;\n");
    const afterTotals = foundIn(await check(options, new Set(["shared/totals.ts"])));
    expect(afterTotals).toEqual(await truth());
    expect(afterTotals).toEqual([checksLayer("tools/checks/index.ts"), LEGDER_UNRESOLVED]);

    write(root, "tools/checks.ts", "export const runChecks = (): boolean => true;\n");
    const afterChecks = foundIn(await check(options, new Set(["tools/checks.ts"])));
    expect(afterChecks).toEqual(await truth());
    expect(afterChecks).toEqual([checksLayer("tools/checks.ts"), LEGDER_UNRESOLVED]);

    // The watcher ignores node_modules: the package is seen by the check that an edit of a scanned file starts.
    installLegder(root);
    write(root, USERS.totals, "// shared/totals.ts exists now.\nimport { total } from \"../../shared/totals.js\";\n\nexport const sum = total;\n");
    const afterInstall = foundIn(await check(options, new Set([USERS.totals])));
    expect(afterInstall).toEqual(await truth());
    expect(afterInstall).toEqual([checksLayer("tools/checks.ts")]);
  }, 120_000);
});
