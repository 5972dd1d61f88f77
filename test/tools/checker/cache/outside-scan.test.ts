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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { type CheckOptions, runCheck, watchCheck } from "../../../../tools/checker/main.js";
import type { CheckResult } from "../../../../tools/checker/result.js";
import { fixtureRepo } from "../fixture.js";

type Engine = "ts-morph" | "depcruise" | "all";

/** The scanned files that import through files outside the scan, one per scenario. */
const USERS = {
  totals: "spine/services/totals-user.ts",
  checks: "spine/services/checks-user.ts",
  legder: "spine/services/legder-user.ts",
} as const;

/** A run's outcome: the exit code and each violation as `rule file:line:col -> target`, sorted. */
interface Outcome {
  readonly code: number;
  readonly found: readonly string[];
}

async function run(root: string, engine: Engine, cache: boolean): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["--root", root, "--format", "json", "--engine", engine, ...(cache ? [] : ["--no-cache"])], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  if (stdout === "") throw new Error(`exit ${code}: ${stderr}`);
  const report = JSON.parse(stdout) as { violations: { ruleId: string; file: string; line: number; column: number; target?: string }[] };
  return { code, found: report.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}:${v.column} -> ${v.target ?? ""}`).sort() };
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function remove(root: string, path: string): void {
  rmSync(join(root, path), { recursive: true, force: true });
}

/** A package of that name installed by hand: no lockfile, no install record changes. */
function installLegder(root: string): void {
  write(root, "node_modules/@drivers/legder/package.json", JSON.stringify({ name: "@drivers/legder", version: "1.0.0", main: "./index.js", types: "./index.d.ts" }));
  write(root, "node_modules/@drivers/legder/index.js", "export function post() {}\n");
  write(root, "node_modules/@drivers/legder/index.d.ts", "export declare function post(): void;\n");
}

/** One step of a scenario: a change outside the scan and what each engine finds after it. */
interface Step {
  readonly change: string;
  apply(root: string): void;
  readonly tsMorph: readonly string[];
  /** dependency-cruiser's findings (default: the ts-morph engine's). */
  readonly depcruise?: readonly string[];
}

interface Scenario {
  /** The scanned file the scenario keeps (the other users are removed), if any. */
  readonly user?: string;
  /** The findings before any change. */
  readonly initial: readonly string[];
  readonly steps: readonly Step[];
}

const TOTALS_UNRESOLVED = `unresolvable-import ${USERS.totals}:2:1 -> ../../shared/totals.js`;
const LEGDER_UNRESOLVED = `unresolvable-import ${USERS.legder}:2:1 -> @drivers/legder`;
const checksLayer = (target: string): string => `layer-boundary ${USERS.checks}:2:1 -> ${target}`;

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  "an unresolved import's file is created outside the scan, then removed": {
    user: USERS.totals,
    initial: [TOTALS_UNRESOLVED],
    steps: [
      { change: "shared/totals.ts created", apply: (root) => write(root, "shared/totals.ts", "export const total = 0;\n"), tsMorph: [] },
      { change: "shared/totals.ts removed", apply: (root) => remove(root, "shared/totals.ts"), tsMorph: [TOTALS_UNRESOLVED] },
    ],
  },
  "a file outside the scan comes before the one an import led to": {
    user: USERS.checks,
    initial: [checksLayer("tools/checks/index.ts")],
    steps: [
      { change: "tools/checks.ts created next to tools/checks/index.ts", apply: (root) => write(root, "tools/checks.ts", "export const runChecks = (): boolean => true;\n"), tsMorph: [checksLayer("tools/checks.ts")] },
      {
        change: "tools/checks.ts replaced by tools/checks.d.ts",
        apply: (root) => {
          remove(root, "tools/checks.ts");
          write(root, "tools/checks.d.ts", "export declare function runChecks(): boolean;\n");
        },
        tsMorph: [checksLayer("tools/checks.d.ts")],
      },
      {
        change: "tools/checks.d.ts and tools/checks/ removed",
        apply: (root) => {
          remove(root, "tools/checks.d.ts");
          remove(root, "tools/checks");
        },
        tsMorph: [`unresolvable-import ${USERS.checks}:2:1 -> ../../tools/checks`],
      },
    ],
  },
  "a package is installed in node_modules by hand": {
    user: USERS.legder,
    initial: [LEGDER_UNRESOLVED],
    steps: [
      { change: "node_modules/@drivers/legder installed", apply: installLegder, tsMorph: [] },
      { change: "node_modules/@drivers/legder removed", apply: (root) => remove(root, "node_modules/@drivers"), tsMorph: [LEGDER_UNRESOLVED] },
    ],
  },
  "a file outside the scan that a contracted module re-exports declares one more name": {
    initial: [],
    steps: [
      {
        change: "shared/limits.ts exports MAX_BATCH",
        apply: (root) => write(root, "shared/limits.ts", "/** Limits shared by the drivers (outside the scan). */\nexport const MAX_ENTRIES = 100;\nexport const MAX_BATCH = 10;\n"),
        tsMorph: ["export-drift spine/drivers/ledger.ts:1:1 -> constants:MAX_BATCH"],
        depcruise: [],
      },
    ],
  },
};

/** The repository of a scenario: the fixture with only the scenario's user file among the users. */
function scenarioRepo(scenario: Scenario): string {
  const root = fixtureRepo("cache-outside-scan");
  for (const user of Object.values(USERS)) if (user !== scenario.user) remove(root, user);
  return root;
}

/** What `engine` finds, given the ts-morph engine's and dependency-cruiser's findings (`all`: both, merged). */
function expected(engine: Engine, tsMorph: readonly string[], depcruise: readonly string[]): Outcome {
  const found = engine === "ts-morph" ? tsMorph : engine === "depcruise" ? depcruise : [...new Set([...tsMorph, ...depcruise])];
  return { code: found.length > 0 ? 1 : 0, found: [...found].sort() };
}

describe("files outside the scan: a warm run equals --no-cache and finds exactly what it should", () => {
  const cases = Object.keys(SCENARIOS).flatMap((name) => (["ts-morph", "depcruise", "all"] as const).map((engine) => [name, engine] as const));
  it.each(cases)("%s (--engine %s)", async (name, engine) => {
    const scenario = SCENARIOS[name] as Scenario;
    const root = scenarioRepo(scenario);
    expect({ change: "none", outcome: await run(root, engine, true) }).toEqual({ change: "none", outcome: expected(engine, scenario.initial, scenario.initial) });
    for (const step of scenario.steps) {
      step.apply(root);
      const warm = await run(root, engine, true);
      const cold = await run(root, engine, false);
      expect({ change: step.change, warm }).toEqual({ change: step.change, warm: cold });
      expect({ change: step.change, outcome: warm }).toEqual({ change: step.change, outcome: expected(engine, step.tsMorph, step.depcruise ?? step.tsMorph) });
    }
  }, 120_000);
});

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
