/**
 * Rule `contract-coverage`: every file under a covered folder has a contract,
 * and every contract names a file that exists.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { matcher } from "../contracts/glob.js";
import { CONTRACT_SUFFIX, CONTRACTS_DIR, PROJECT_FILE } from "../contracts/load.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Checks both directions of coverage. */
export function checkCoverage(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  const contracted = new Set(ctx.contracts.map((c) => c.data.placement.file));
  for (const contract of ctx.contracts) {
    const file = contract.data.placement.file;
    if (existsSync(join(ctx.root, file))) continue;
    violations.push({
      ruleId: "contract-coverage",
      file: contract.contractFile,
      ...contract.positionOf(["placement", "file"]),
      message: `the contract names ${file}, which does not exist`,
      contract: contract.contractFile,
      fix: `Fix placement.file, or delete ${contract.contractFile} if the module is gone.`,
    });
  }
  const covered = matcher(ctx.project.coverage);
  for (const path of ctx.graph.files.keys()) {
    if (!covered(path) || contracted.has(path)) continue;
    const suggestion = `${CONTRACTS_DIR}/${path.replace(/^spine\//, "").replace(/\.[cm]?[jt]sx?$/, "")}${CONTRACT_SUFFIX}`;
    violations.push({
      ruleId: "contract-coverage",
      file: path,
      line: 1,
      column: 1,
      message: `${path} is in a covered folder (${ctx.project.coverage.join(", ")}) but has no contract`,
      contract: PROJECT_FILE,
      fix: `Write ${suggestion} (run with --update to fill its exports).`,
    });
  }
  return { violations };
}
