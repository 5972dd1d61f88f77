/**
 * Rule `contract-coverage`: every file under a covered folder has a contract,
 * and every contract names a file that exists.
 */
import { matcher } from "../contracts/glob.js";
import { contractFileFor, PROJECT_FILE } from "../contracts/paths.js";
import { defineRule, type Finding } from "./rule.js";

/** The rule `contract-coverage`. */
export const contractCoverage = defineRule({
  id: "contract-coverage",
  summary: "A file matching the project's coverage globs has no contract, or a contract names a file that does not exist.",
  help: "Write the missing contract with `spine-check contract FILE`, or fix or delete the contract of a file that is gone.",
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
        target: file,
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
        fix: `Write ${contractFileFor(path)} with \`spine-check contract ${path}\`.`,
        target: path,
      });
    }
    return findings;
  },
});
