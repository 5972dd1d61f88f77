/**
 * The cache cannot change a result (slow tier, `npm run test:slow`): the
 * ts-morph engine's runs of the warm-equals-cold matrix that cache.test.ts
 * leaves out. The checker's own source is a change too: a
 * copy of the checker whose transaction rule knows one more member runs warm
 * on every case's cache and must miss.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { REPOSITORY } from "../fixture.js";
import { CASES, describeWarmMatrix, normalise, outcome, repository, slowRuns } from "./warm-matrix.js";

const exec = promisify(execFile);

// The ts-morph engine's runs here; dependency-cruiser's and both engines' in cache-depcruise.slow.test.ts (a file each, so that the two run side by side).
describeWarmMatrix(slowRuns(["ts-morph"]));

describe("the checker's own source is part of the key", () => {
  it("a checker whose source differs misses every case's cache (warm equals --no-cache of that checker)", async () => {
    const roots = CASES.map((name) => ({ name, root: repository(name) }));
    for (const { root } of roots) await outcome(root, true);

    // A copy of the checker under node_modules (so that it finds the same packages) that treats `raw` as transaction control.
    const copy = mkdtempSync(join(REPOSITORY, "node_modules/.cache/spine-check-source-test-"));
    try {
      cpSync(join(REPOSITORY, "tools/checker"), join(copy, "tools/checker"), { recursive: true });
      writeFileSync(join(copy, "package.json"), '{ "type": "module" }\n');
      const transactions = join(copy, "tools/checker/analyse/transactions.ts");
      const source = readFileSync(transactions, "utf8");
      expect(source).toContain('  "transaction",\n]);');
      writeFileSync(transactions, source.replace('  "transaction",\n]);', '  "transaction",\n  "raw",\n]);'));
      writeFileSync(
        join(copy, "run.ts"),
        [
          'import { runCli } from "./tools/checker/cli.js";',
          "const out: unknown[] = [];",
          "for (const root of process.argv.slice(2)) {",
          "  for (const cache of [true, false]) {",
          '    let stdout = "";',
          '    let stderr = "";',
          '    const code = await runCli(["--root", root, "--format", "json", ...(cache ? [] : ["--no-cache"])], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });',
          "    out.push({ code, stdout, stderr });",
          "  }",
          "}",
          "process.stdout.write(JSON.stringify(out));",
        ].join("\n"),
      );
      const { stdout } = await exec(process.execPath, ["--import", "tsx", join(copy, "run.ts"), ...roots.map((r) => r.root)], {
        cwd: REPOSITORY,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 240_000,
      });
      const runs = JSON.parse(stdout) as { code: number; stdout: string; stderr: string }[];
      roots.forEach(({ name }, index) => {
        const [warm, cold] = [runs[2 * index], runs[2 * index + 1]].map((run) => normalise(run?.code ?? -1, run?.stdout ?? "", run?.stderr ?? ""));
        expect({ name, warm }).toEqual({ name, warm: cold });
      });
      const index = roots.findIndex(({ name }) => name === "cache-checker-source");
      const report = JSON.parse(runs[2 * index]?.stdout ?? "{}") as { violations: { ruleId: string; file: string; line: number; column: number }[] };
      expect(report.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}:${v.column}`)).toEqual(["transaction-forbidden spine/drivers/report.ts:3:10"]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 300_000);
});
