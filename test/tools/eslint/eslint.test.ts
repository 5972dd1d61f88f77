/**
 * Real ESLint (the `ESLint` class, flat configuration) with the plugin's
 * `standalone` configuration: on this repository, which obeys its contracts
 * (no message, every source linted), and on fixture repositories, where
 * ESLint reports exactly the violations of the file rules that spine-check's
 * CLI reports, each at its file, line and column. Also: the configuration's
 * severities come from `contracts/project.yaml`.
 */
import { relative } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { FILE_RULES } from "../../../tools/checker/index.js";
import plugin, { ruleSeverities } from "../../../tools/eslint/index.js";
import { check, REPOSITORY } from "../checker/fixture.js";
import { caseRepository } from "./repositories.js";

/** Lints every file of `root` with the plugin and returns the messages as `rule file:line:col`, and the linted files. */
async function lint(root: string, ignores: readonly string[] = []): Promise<{ located: string[]; files: string[]; errors: number }> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ ignores: [...ignores] }, plugin.configs.standalone] });
  const results = await eslint.lintFiles(["."]);
  const located = results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId?.replace("spine-check/", "")} ${relative(root, result.filePath)}:${message.line}:${message.column}`),
  );
  return { located: located.sort(), files: results.map((result) => relative(root, result.filePath)), errors: results.reduce((sum, result) => sum + result.errorCount, 0) };
}

describe("ESLint with the plugin", () => {
  it("finds nothing in this repository, and lints every source", async () => {
    const { located, files } = await lint(REPOSITORY, ["**/dist/**", "coverage/**", "test/fixtures/**"]);
    expect(located).toEqual([]);
    expect(files).toContain("tools/eslint/index.ts");
    expect(files).toContain("spine/drivers/idempotency.ts");
    expect(files.length).toBeGreaterThan(200);
  }, 120_000);

  const cases: Record<string, readonly string[]> = {
    "inbound-import": ["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"],
    "layer-boundary": ["layer-boundary spine/services/audited.ts:1:1", "layer-boundary spine/services/audited.ts:2:1"],
    "unanalysable-import": [
      "unanalysable-import api/plugins.ts:10:11",
      "unanalysable-import api/plugins.ts:11:11",
      "unanalysable-import api/plugins.ts:12:11",
      "unanalysable-import api/plugins.ts:13:5",
      "unanalysable-import api/shadowed.ts:11:10",
      "unanalysable-import api/shadowed.ts:5:10",
    ],
    "reexport-laundering": ["reexport-laundering api/refund.ts:1:1", "reexport-laundering lib/default-post.ts:1:1", "reexport-laundering lib/everything.ts:1:1"],
    "transaction-member-call": ["transaction-forbidden spine/drivers/ledger.ts:18:9"],
  };
  for (const [name, expected] of Object.entries(cases)) {
    it(`reports the violations of ${name} where the CLI does`, async () => {
      const root = caseRepository(name);
      const eslint = await lint(root);
      expect(eslint.located).toEqual([...expected].sort());
      expect(eslint.errors).toBe(expected.length);
      const cli = await check(root);
      const fileRules = new Set<string>(FILE_RULES);
      expect(cli.violations.filter((violation) => fileRules.has(violation.ruleId)).map((v) => `${v.ruleId} ${v.file}:${v.line}:${v.column}`).sort()).toEqual(eslint.located);
    }, 60_000);
  }

  it("takes the severities of contracts/project.yaml", () => {
    const root = caseRepository("inbound-import", "rules:\n  layer-boundary: warn\n  unanalysable-import: off\n");
    expect(ruleSeverities(root)).toEqual({
      "spine-check/inbound-boundary": "error",
      "spine-check/layer-boundary": "warn",
      "spine-check/unanalysable-import": "off",
      "spine-check/reexport-laundering": "error",
      "spine-check/transaction-forbidden": "error",
    });
    expect(ruleSeverities(undefined)["spine-check/layer-boundary"]).toBe("error");
    expect(Object.keys(plugin.configs.recommended.rules ?? {}).sort()).toEqual(FILE_RULES.map((id) => `spine-check/${id}`).sort());
  });
});
