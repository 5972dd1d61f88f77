/**
 * Rule `unanalysable-import`: an `import()` or `require()` whose target cannot
 * be known statically could reach any module, so it never passes silently.
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineRule, type Finding } from "./rule.js";

/** The rule `unanalysable-import`. */
export const unanalysableImport = defineRule({
  id: "unanalysable-import",
  summary: "An import() or require() whose argument is neither a string literal nor a const with a literal initializer: what it loads cannot be checked.",
  help: "Pass a string literal, or a const declared with a string literal, so the target is known.",
  engines: ["ts-morph"],
  check(context) {
    const findings: Finding[] = [];
    for (const file of context.graph.files.values()) {
      if (!context.inScope(file.path)) continue;
      for (const item of file.unanalysable) {
        const call = item.form === "require" ? "require()" : "import()";
        findings.push({
          file: file.path,
          line: item.line,
          column: item.column,
          message: `${call} with a computed argument (${item.argument || "none"}) cannot be checked against the contracts`,
          contract: PROJECT_FILE,
          target: `${call.slice(0, -2)}(${item.argument})`,
          fix: "Pass a string literal, or a const declared with a string literal, so the target is known.",
        });
      }
    }
    return findings;
  },
});
