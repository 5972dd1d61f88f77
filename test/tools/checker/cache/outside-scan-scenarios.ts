/**
 * The scenarios of files outside the scan (see outside-scan.test.ts): the
 * fixture repository, the changes, and what each engine must find after
 * each; shared by the fast tier (each engine alone) and the slow tier
 * (`--engine all`, outside-scan.slow.test.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { fixtureRepo } from "../fixture.js";

/** An engine of `--engine`. */
export type Engine = "ts-morph" | "depcruise" | "all";

/** The scanned files that import through files outside the scan, one per scenario. */
export const USERS = {
  totals: "spine/services/totals-user.ts",
  checks: "spine/services/checks-user.ts",
  legder: "spine/services/legder-user.ts",
} as const;

/** A run's outcome: the exit code and each violation as `rule file:line:col -> target`, sorted. */
export interface Outcome {
  readonly code: number;
  readonly found: readonly string[];
}

/** Runs the CLI in-process and returns its outcome. */
export async function run(root: string, engine: Engine, cache: boolean): Promise<Outcome> {
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

/** Writes a file, making its folder. */
export function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Deletes a file or folder. */
export function remove(root: string, path: string): void {
  rmSync(join(root, path), { recursive: true, force: true });
}

/** A package of that name installed by hand: no lockfile, no install record changes. */
export function installLegder(root: string): void {
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

export interface Scenario {
  /** The scanned file the scenario keeps (the other users are removed), if any. */
  readonly user?: string;
  /** The findings before any change. */
  readonly initial: readonly string[];
  readonly steps: readonly Step[];
}

/** The totals user's import, unresolved. */
export const TOTALS_UNRESOLVED = `unresolvable-import ${USERS.totals}:2:1 -> ../../shared/totals.js`;
/** The legder user's import, unresolved. */
export const LEGDER_UNRESOLVED = `unresolvable-import ${USERS.legder}:2:1 -> @drivers/legder`;
/** The checks user's layer finding for `target`. */
export const checksLayer = (target: string): string => `layer-boundary ${USERS.checks}:2:1 -> ${target}`;

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
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
export function scenarioRepo(scenario: Scenario): string {
  const root = fixtureRepo("cache-outside-scan");
  for (const user of Object.values(USERS)) if (user !== scenario.user) remove(root, user);
  return root;
}

/** What `engine` finds, given the ts-morph engine's and dependency-cruiser's findings (`all`: both, merged). */
export function expected(engine: Engine, tsMorph: readonly string[], depcruise: readonly string[]): Outcome {
  const found = engine === "ts-morph" ? tsMorph : engine === "depcruise" ? depcruise : [...new Set([...tsMorph, ...depcruise])];
  return { code: found.length > 0 ? 1 : 0, found: [...found].sort() };
}

/**
 * Registers the scenarios' tests for `engines`: after each step a warm run
 * equals `--no-cache` and finds exactly what the scenario expects.
 */
export function describeOutsideScan(engines: readonly Engine[]): void {
  describe("files outside the scan: a warm run equals --no-cache and finds exactly what it should", () => {
    const cases = Object.keys(SCENARIOS).flatMap((name) => engines.map((engine) => [name, engine] as const));
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
}
