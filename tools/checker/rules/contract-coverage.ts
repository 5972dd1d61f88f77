/**
 * Rule `contract-coverage`: every file under a covered folder has a contract,
 * and every contract names a file that exists.
 */
import { matcher } from "../contracts/glob.js";
import { CONTRACT_SUFFIX, CONTRACTS_DIR, PROJECT_FILE } from "../contracts/paths.js";
import { defineRule, type Finding } from "./rule.js";

/** The contract file a covered module should have: `contracts/<path under spine>.contract.yaml`. */
function suggestedContract(path: string): string {
  return `${CONTRACTS_DIR}/${path.replace(/^spine\//, "").replace(/\.[cm]?[jt]sx?$/, "")}${CONTRACT_SUFFIX}`;
}

/** The rule `contract-coverage`. */
export const contractCoverage = defineRule({
  id: "contract-coverage",
  summary: "A file matching the project's coverage globs has no contract, or a contract names a file that does not exist.",
  help: "Write the missing contract (then run with --update to fill its exports and imports), or fix or delete the contract of a file that is gone.",
  engines: ["ts-morph"],
  check(context) {
    const findings: Finding[] = [];
    const contracted = new Set(context.contracts.map((c) => c.data.placement.file));
    for (const contract of context.contracts) {
      const file = contract.data.placement.file;
      // The graph holds every contracted file that exists.
      if (context.graph.files.has(file) || !context.inScope(contract.contractFile)) continue;
      findings.push({
        file: contract.contractFile,
        ...contract.positionOf(["placement", "file"]),
        message: `the contract names ${file}, which does not exist`,
        contract: contract.contractFile,
        fix: `Fix placement.file, or delete ${contract.contractFile} if the module is gone.`,
      });
    }
    const covered = matcher(context.project.coverage);
    for (const path of context.graph.files.keys()) {
      if (!covered(path) || contracted.has(path) || !context.inScope(path)) continue;
      findings.push({
        file: path,
        line: 1,
        column: 1,
        message: `${path} is in a covered folder (${context.project.coverage.join(", ")}) but has no contract`,
        contract: PROJECT_FILE,
        fix: `Write ${suggestedContract(path)} (run with --update to fill its exports).`,
      });
    }
    return findings;
  },
});
