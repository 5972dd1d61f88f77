/**
 * The cache cannot change a result: every fixture case is run cold, then,
 * after each kind of change in turn, warm; each warm run must equal a run
 * with --no-cache, for the ts-morph and the dependency-cruiser engine on
 * every case, and for both (`--engine all`) on some. The checker's own source is a change too: a copy of the
 * checker whose transaction rule knows one more member runs warm on every
 * case's cache and must miss.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { FIXTURES, fixtureRepo, REPOSITORY } from "../fixture.js";
import { CHANGES, prepare } from "./changes.js";

const exec = promisify(execFile);

/** Cases that are whole repositories rather than overlays of the base. */
const STANDALONE = new Set(["no-contracts", "no-files"]);

/** Every fixture case. */
const CASES = readdirSync(FIXTURES).filter((name) => name !== "base" && statSync(join(FIXTURES, name)).isDirectory());

/** The engines whose warm runs are compared on every case. */
const ENGINES = ["ts-morph", "depcruise", "all"] as const;

/**
 * The cases `--engine all` runs on too (each of its runs starts a child
 * through tsx, about 1.3 s): the cases the cache once got wrong and a
 * boundary case. The parent's dependency-cruiser engine and the child's
 * ts-morph engine are the ones compared above on every case.
 */
const ALL_CASES = new Set(["cache-tsconfig-extends", "cache-workspace-link", "cache-lockfile", "inbound-import"]);

/** A run's outcome without its timing: exit code, JSON report (stats.milliseconds dropped) and error output. */
async function outcome(root: string, cache: boolean, engine: (typeof ENGINES)[number] = "ts-morph"): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--root", root, "--format", "json", "--engine", engine, ...(cache ? [] : ["--no-cache"])], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return normalise(code, stdout, stderr);
}

/** The comparable form of a run. */
function normalise(code: number, stdout: string, stderr: string): string {
  const report = stdout === "" ? undefined : (JSON.parse(stdout) as { stats: { milliseconds?: number } });
  if (report !== undefined) delete report.stats.milliseconds;
  return JSON.stringify({ code, report, stderr });
}

function repository(name: string): string {
  const root = fixtureRepo(name, { standalone: STANDALONE.has(name) });
  prepare(root);
  return root;
}

describe("a warm run equals --no-cache", () => {
  it.each(CASES.flatMap((name) => ENGINES.filter((engine) => engine !== "all" || ALL_CASES.has(name)).map((engine) => [name, engine] as const)))("%s, --engine %s: cold, then unchanged, then after each kind of change", async (name, engine) => {
    const root = repository(name);
    const cold = await outcome(root, false, engine);
    expect(await outcome(root, true, engine)).toBe(cold);
    expect({ change: "none", result: await outcome(root, true, engine) }).toEqual({ change: "none", result: cold });
    for (const change of CHANGES) {
      change.apply(root);
      const warm = await outcome(root, true, engine);
      expect({ change: change.name, result: warm }).toEqual({ change: change.name, result: await outcome(root, false, engine) });
    }
  }, 120_000);

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
