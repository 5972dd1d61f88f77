/**
 * `spine-check --watch` (its incremental checks, told by the watcher what
 * changed): a first full report, then, after each change on
 * the disk (a source edited, a file added, a contract edited), only the new
 * and fixed violations and the time taken; and the comparison of two
 * results that underlies it (a moved violation is not new, alike
 * violations count one by one).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canChangeResult, watchRepository } from "../../../tools/checker/watch.js";
import { watchCheck } from "../../../tools/checker/main.js";
import { violationChanges } from "../../../tools/checker/report/changes.js";
import type { CheckResult, ReportedViolation } from "../../../tools/checker/result.js";
import { fixtureRepo } from "./fixture.js";
import { waitUntil } from "../../support/wait.js";

describe("spine-check --watch", () => {
  it("reports once in full, then only what each change makes new or fixes", async () => {
    const root = fixtureRepo("inbound-import");
    let stdout = "";
    const stop = new AbortController();
    const done = watchRepository({ root, cache: false }, { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text) }, watchCheck(), (error) => {
      throw error;
    }, stop.signal);
    await waitUntil(() => stdout.includes("watching"));
    expect(stdout).toMatch(/^api\/refund\.ts:1:1 {2}error {2}inbound-boundary/m);
    expect(stdout).toMatch(/^2 violations: 9 files, 1 contracts, \d+ ms \(ts-morph\)$/m);

    // A save can raise several events, and one may come after a re-check began: the re-check it makes changes nothing.
    const unchanged = /^re-checked in \d+ ms: 0 new, 0 fixed/;
    let seen = stdout.length;
    const next = async (): Promise<string[]> => {
      const lines = (): string[] => stdout.slice(seen).split("\n").filter((line) => line !== "" && !unchanged.test(line));
      await waitUntil(() => lines().some((line) => line.startsWith("re-checked in")));
      const section = lines();
      seen = stdout.length;
      return section;
    };

    writeFileSync(join(root, "lib/report.ts"), '\nimport { transfer } from "../spine/orchestrator/transfer.js";\n\nexport const run = transfer;\n');
    const fixed = await next();
    expect(fixed.slice(0, -1)).toEqual([
      '- lib/report.ts:1:1  fixed  inbound-boundary  lib/report.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger"): it matches no allowed_inbound glob',
    ]);
    expect(fixed.at(-1)).toMatch(/^re-checked in \d+ ms: 0 new, 1 fixed, 1 in all$/);

    writeFileSync(join(root, "api/late.ts"), '// added while watching\nexport { post } from "../spine/drivers/ledger.js";\n');
    const added = await next();
    expect(added.slice(0, -1)).toEqual([
      '+ api/late.ts:2:1  error  inbound-boundary  api/late.ts may not depend on spine/drivers/ledger.ts (export-from "../spine/drivers/ledger.js"): it matches forbidden_inbound',
      "    fix: Go through an allowed layer (spine/orchestrator/**, spine/services/**) instead, or change the boundary in contracts/drivers/ledger.contract.yaml.",
    ]);
    expect(added.at(-1)).toMatch(/^re-checked in \d+ ms: 1 new, 0 fixed, 2 in all$/);

    const contract = join(root, "contracts/drivers/ledger.contract.yaml");
    writeFileSync(contract, readFileSync(contract, "utf8").replace(/forbidden_inbound:\n(\s+- [^\n]*\n)+/, "forbidden_inbound: []\n").replace("allowed_inbound:", 'allowed_inbound:\n    - "api/**"'));
    const allowed = await next();
    expect(allowed.slice(0, -1).map((line) => line.split("  ")[0])).toEqual(["- api/late.ts:2:1", "- api/refund.ts:1:1"]);
    expect(allowed.at(-1)).toMatch(/^re-checked in \d+ ms: 0 new, 2 fixed, 0 in all$/);

    stop.abort();
    expect(await done).toBe(0);
  }, 120_000);

  it("ignores changes under node_modules and .git", () => {
    expect(canChangeResult("src/a.ts")).toBe(true);
    expect(canChangeResult("contracts/project.yaml")).toBe(true);
    expect(canChangeResult("node_modules/.cache/spine-check/graph.json")).toBe(false);
    expect(canChangeResult(".git/index")).toBe(false);
  });
});

describe("violationChanges", () => {
  const violation = (line: number, target = "spine/drivers/ledger.ts"): ReportedViolation => ({
    ruleId: "layer-boundary",
    file: "spine/a.ts",
    line,
    column: 1,
    message: `may not depend on ${target}`,
    contract: "contracts/project.yaml",
    fix: "",
    target,
    engines: ["ts-morph"],
    severity: "error",
    baseline: "new",
  });
  const result = (violations: ReportedViolation[]): CheckResult => ({ violations }) as unknown as CheckResult;

  it("knows a violation that moved, counts alike ones one by one, and leaves out suppressed ones", () => {
    const before = result([violation(1), violation(2)]);
    const after = result([violation(3), violation(4), violation(5), { ...violation(6, "tools/x.ts"), suppressed: { line: 5, reason: "r" } }]);
    expect(violationChanges(before, after)).toEqual({ added: [violation(5)], fixed: [] });
    expect(violationChanges(after, result([violation(9, "tools/y.ts")]))).toEqual({ added: [violation(9, "tools/y.ts")], fixed: [violation(3), violation(4), violation(5)] });
  });
});
