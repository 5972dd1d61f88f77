/**
 * Rule `unanalysable-import`: an `import()` or `require()` whose target cannot
 * be known statically could reach any module, so it never passes silently.
 */
import { PROJECT_FILE } from "../contracts/load.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Reports every unanalysable `import()` and `require()` of the scanned files. */
export function checkUnanalysableImports(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  for (const file of ctx.graph.files.values()) {
    for (const item of file.unanalysable) {
      const call = item.form === "require" ? "require()" : "import()";
      violations.push({
        ruleId: "unanalysable-import",
        file: file.path,
        line: item.line,
        column: item.column,
        message: `${call} with a computed argument (${item.argument || "none"}) cannot be checked against the contracts`,
        contract: PROJECT_FILE,
        fix: "Pass a string literal, or a const declared with a string literal, so the target is known.",
      });
    }
  }
  return { violations };
}
