/**
 * The watch loop's incremental checks cannot change a result: on every
 * fixture case, one `watchCheck()` (the repository kept open, the cache on)
 * is told of each kind of change in turn, as the watcher would name it, and
 * each of its results must equal a `--no-cache` run of the same tree. The
 * kinds cover what the session re-reads in place (a leaf edit, lines
 * inserted above violations, a comment, a body, a helper's transaction
 * control or a signature edited in a shared file, an import added and
 * removed) and what makes it open the repository again (a file added or
 * removed, a contract, the project file).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type IncrementalCheck, runCheck, watchCheck } from "../../../../tools/checker/main.js";
import { formatResult } from "../../../../tools/checker/report/index.js";
import type { CheckResult } from "../../../../tools/checker/result.js";
import { FIXTURES, fixtureRepo } from "../fixture.js";

/** Cases that are whole repositories rather than overlays of the base. */
const STANDALONE = new Set(["no-contracts", "no-files"]);

/** Every fixture case. */
const CASES = readdirSync(FIXTURES).filter((name) => name !== "base" && statSync(join(FIXTURES, name)).isDirectory());

/** One kind of change: applies it to the repository and returns the paths the watcher would report. */
interface Change {
  readonly name: string;
  apply(root: string, previous: CheckResult | undefined): string[];
}

/** Edits the file at `path` when it exists; returns the paths changed. */
function edit(root: string, path: string, change: (text: string) => string): string[] {
  const file = join(root, path);
  if (!existsSync(file)) return [];
  const before = readFileSync(file, "utf8");
  const after = change(before);
  if (after === before) return [];
  writeFileSync(file, after);
  return [path];
}

/** The file of the base that nothing imports. */
const LEAF = "api/health.ts";
/** The file of the base most files import. */
const SHARED = "spine/db/index.ts";
const ADDED_IMPORT = 'import { post } from "../spine/drivers/ledger.js";\n';

const CHANGES: readonly Change[] = [
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
async function outcome(run: () => Promise<CheckResult>): Promise<{ readonly text: string; readonly result?: CheckResult }> {
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
async function both(check: IncrementalCheck, root: string, changed: ReadonlySet<string> | undefined): Promise<{ incremental: string; fresh: string; result?: CheckResult }> {
  const incremental = await outcome(() => check({ root }, changed));
  const fresh = await outcome(() => runCheck({ root, cache: false }));
  return { incremental: incremental.text, fresh: fresh.text, ...(incremental.result === undefined ? {} : { result: incremental.result }) };
}

describe("an incremental check of the watch loop equals --no-cache", () => {
  it.each(CASES)("%s: after each kind of change", async (name) => {
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

describe("what the session re-reads", () => {
  /** The base with the ledger exporting a constant whose type is declared in the shared file. */
  function ledgerTypedByShared(): string {
    const root = fixtureRepo("inbound-import");
    edit(root, "spine/drivers/ledger.ts", (text) => `${text}\n/** A description. */\nexport const DESCRIBED = describeCommitment("a", 1);\n`);
    return root;
  }

  it("an import added and a signature changed in a module's closure show at once (the test can fail)", async () => {
    const root = ledgerTypedByShared();
    const check = watchCheck();
    const first = await outcome(() => check({ root }, undefined));
    const added = new Set(edit(root, LEAF, (text) => `${ADDED_IMPORT}${text}\nexport const alsoPost = post;\n`));
    const afterImport = await outcome(() => check({ root }, added));
    expect(afterImport.text).not.toBe(first.text);
    expect(afterImport.result?.violations.some((v) => v.file === LEAF && v.ruleId === "inbound-boundary")).toBe(true);

    // Same declared names, another type: the ledger's API changes although neither file's imports or exports do.
    const changed = new Set(edit(root, SHARED, (text) => text.replace("describeCommitment(account: string, cents: number): string {\n  return `${account} is committed to ${cents} cents`;", "describeCommitment(account: string, cents: number): number {\n  return cents;")));
    expect(changed.size).toBe(1);
    const afterSignature = await outcome(() => check({ root }, changed));
    expect(afterSignature.text).not.toBe(afterImport.text);
    expect(afterSignature.text).toBe((await outcome(() => runCheck({ root, cache: false }))).text);
  });
});
