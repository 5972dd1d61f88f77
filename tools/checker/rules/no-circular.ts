/**
 * Rule `no-circular`: a dependency whose target leads back to the importing
 * file. Cycles make layering meaningless: every module of a cycle depends on
 * every other.
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineDependencyRule, targetOf } from "./rule.js";

/** The rule `no-circular`. */
export const noCircular = defineDependencyRule({
  id: "no-circular",
  summary: "A dependency is part of a cycle: its target depends, directly or through other scanned files, on the importing file.",
  help: "Break the cycle: move what both sides need into a module that neither imports, or invert one of the dependencies.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, dependency }, { cycle }) {
    const target = targetOf(dependency);
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `${file} depends on ${target}, which leads back to it: ${[file, ...cycle].join(" -> ")}`,
      contract: PROJECT_FILE,
      fix: `Break the cycle ${[file, ...cycle].join(" -> ")}: move what both sides need into a module neither imports, or invert one dependency.`,
      target,
    };
  },
});
