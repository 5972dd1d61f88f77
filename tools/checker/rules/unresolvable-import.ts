/**
 * Rule `unresolvable-import`: a relative, `#`-imports or tsconfig-`paths`
 * specifier that leads to no file. What cannot be resolved cannot be checked.
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineDependencyRule, formOf } from "./rule.js";

/** The rule `unresolvable-import`. */
export const unresolvableImport = defineDependencyRule({
  id: "unresolvable-import",
  summary: "A relative, #imports or tsconfig paths specifier leads to no file (a typo, a deleted file, an alias that does not match).",
  help: "Fix the specifier or create the file; for an alias, check the tsconfig `paths` that contracts/project.yaml's tsconfig sets.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, dependency }) {
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `${file}: "${dependency.specifier}" (${formOf(dependency)}) leads to no file`,
      contract: PROJECT_FILE,
      fix: "Fix the specifier (a typo, a moved file, an alias that does not match tsconfig paths) or create the file it names.",
      target: dependency.specifier,
    };
  },
});
