/**
 * The watch loop's matrix (see session.test.ts): the kinds of change a
 * session is told of and the comparison of its check with a `--no-cache`
 * run. The fast tier (session.test.ts) runs {@link FAST_CASES}; the slow
 * tier (session.slow.test.ts) every other fixture case.
 */import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type IncrementalCheck, runCheck, watchCheck } from "../../../../tools/checker/main.js";
import { formatResult } from "../../../../tools/checker/report/index.js";
import type { CheckResult } from "../../../../tools/checker/result.js";
import { FIXTURES, fixtureRepo } from "../fixture.js";

/** Cases that are whole repositories rather than overlays of the base. */
export const STANDALONE = new Set(["no-contracts", "no-files"]);

/** Every fixture case. */
export const CASES = readdirSync(FIXTURES).filter((name) => name !== "base" && statSync(join(FIXTURES, name)).isDirectory());

/** One kind of change: applies it to the repository and returns the paths the watcher would report. */
export interface Change {
  readonly name: string;
  apply(root: string, previous: CheckResult | undefined): string[];
}

/** Edits the file at `path` when it exists; returns the paths changed. */
export function edit(root: string, path: string, change: (text: string) => string): string[] {
  const file = join(root, path);
  if (!existsSync(file)) return [];
  const before = readFileSync(file, "utf8");
  const after = change(before);
  if (after === before) return [];
  writeFileSync(file, after);
  return [path];
}

/** The file of the base that nothing imports. */
export const LEAF = "api/health.ts";
/** The file of the base most files import. */
export const SHARED = "spine/db/index.ts";
/** An import of the ledger, which the leaf may not make. */
export const ADDED_IMPORT = 'import { post } from "../spine/drivers/ledger.js";\n';

/** Every kind of change, in the order the matrix applies them. */
export const CHANGES: readonly Change[] = [
  { name: "a one-line edit of a leaf file", apply: (root) => edit(root, LEAF, (text) => `${text}\n// a one-line edit\n`) },
  {
    name: "a line inserted above every violation (each moves down)",
    apply: (root, previous) =>
      [...new Set((previous?.violations ?? []).map((v) => v.file))].filter((file) => /\.[cm]?[jt]sx?$/.test(file)).flatMap((file) => edit(root, file, (text) => `// moved\n${text}`)),
  },
  { name: "a comment edited in a shared file", apply: (root) => edit(root, SHARED, (text) => text.replace("/** Anything that runs a query. */", "// Runs queries.\n/** Anything that runs a query. */") + "\n// a comment\n") },
  { name: "a function body edited in a shared file", apply: (root) => edit(root, SHARED, (text) => text.replace("cents} cents`", "cents} cents (edited)`")) },
  { name: "a helper's transaction control changed in a shared file", apply: (root) => edit(root, SHARED, (text) => text.replace("  await trx.commit();\n}", "  await trx.rollback();\n}")) },
  {
    name: "an export's signature changed in a shared file",
    apply: (root) => edit(root, SHARED, (text) => text.replace("describeCommitment(account: string, cents: number): string", "describeCommitment(account: string, cents: number, note = \"\"): string")),
  },
  { name: "an import added", apply: (root) => edit(root, LEAF, (text) => `${ADDED_IMPORT}${text}\nexport const alsoPost = post;\n`) },
  { name: "an import removed", apply: (root) => edit(root, LEAF, (text) => text.replace(ADDED_IMPORT, "").replace("\nexport const alsoPost = post;\n", "")) },
  {
    name: "a file added",
    apply: (root) => {
      mkdirSync(join(root, "api"), { recursive: true });
      writeFileSync(join(root, "api/added.ts"), `${ADDED_IMPORT}export const again = post;\n`);
      return ["api/added.ts"];
    },
  },
  {
    name: "a file removed",
    apply: (root) => {
      rmSync(join(root, "api/added.ts"), { force: true });
      return ["api/added.ts"];
    },
  },
  {
    name: "a contract edited",
    apply: (root) => edit(root, "contracts/drivers/ledger.contract.yaml", (text) => text.replace('    - "spine/orchestrator/**"\n', '    - "spine/orchestrat0r/**"\n')),
  },
  {
    name: "contracts/project.yaml edited",
    apply: (root) => edit(root, "contracts/project.yaml", (text) => text.replace('forbidden: ["tools/**"]', 'forbidden: ["tools/**", "spine/db/**"]')),
  },
];

/** A check's outcome without its timing: the JSON report, or the error it threw. */
export async function outcome(run: () => Promise<CheckResult>): Promise<{ readonly text: string; readonly result?: CheckResult }> {
  try {
    const result = await run();
    const report = JSON.parse(formatResult(result, "json")) as { stats: { milliseconds?: number } };
    delete report.stats.milliseconds;
    return { text: JSON.stringify(report), result };
  } catch (error) {
    return { text: `error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Runs the session's check after `changed`, and a --no-cache run of the same tree. */
export async function both(check: IncrementalCheck, root: string, changed: ReadonlySet<string> | undefined): Promise<{ incremental: string; fresh: string; result?: CheckResult }> {
  const incremental = await outcome(() => check({ root }, changed));
  const fresh = await outcome(() => runCheck({ root, cache: false }));
  return { incremental: incremental.text, fresh: fresh.text, ...(incremental.result === undefined ? {} : { result: incremental.result }) };
}

/**
 * The cases of the fast tier: a boundary violation, a transaction helper in
 * a shared file, and a repository without contracts.
 */
export const FAST_CASES: readonly string[] = ["inbound-import", "transaction-helper", "no-contracts"];

/** Registers one test per case of `cases`: the session after each kind of change equals --no-cache. */
export function describeSessionMatrix(cases: readonly string[]): void {
  describe("an incremental check of the watch loop equals --no-cache", () => {
    it.each(cases)("%s: after each kind of change", async (name) => {
      const root = fixtureRepo(name, { standalone: STANDALONE.has(name) });
      const check = watchCheck();
      let { incremental, fresh, result } = await both(check, root, undefined);
      expect(incremental).toBe(fresh);
      for (const change of CHANGES) {
        const changed = new Set(change.apply(root, result));
        ({ incremental, fresh, result } = await both(check, root, changed));
        expect({ change: change.name, result: incremental }).toEqual({ change: change.name, result: fresh });
      }
    });
  });
}
