/**
 * Rule `inbound-boundary`: a file that depends on a contracted module must
 * match the contract's `allowed_inbound` globs and none of its
 * `forbidden_inbound` globs.
 */
import { defineDependencyRule, formOf, targetOf } from "./rule.js";

/** The rule `inbound-boundary`. */
export const inboundBoundary = defineDependencyRule({
  id: "inbound-boundary",
  summary:
    "A file depends on a contracted module (by any import form) but matches none of the contract's allowed_inbound globs, or matches one of its forbidden_inbound globs.",
  help: "Go through a module the contract allows (an orchestrator or service), or change the contract's boundary if the dependency is intended.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, dependency }, { contract, standing }) {
    const target = targetOf(dependency);
    const why = standing === "forbidden" ? "it matches forbidden_inbound" : "it matches no allowed_inbound glob";
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `${file} may not depend on ${target} (${formOf(dependency)} "${dependency.specifier}"): ${why}`,
      contract: contract.contractFile,
      fix: `Go through an allowed layer (${contract.data.boundary.allowed_inbound.join(", ") || "none"}) instead, or change the boundary in ${contract.contractFile}.`,
      target,
    };
  },
});
