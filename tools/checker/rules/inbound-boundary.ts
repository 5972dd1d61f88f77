/**
 * Rule `inbound-boundary`: every file that depends directly on a contracted
 * module must be allowed by the contract's boundary globs.
 */
import { inboundJudge } from "./boundary-match.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Checks direct dependents of every contracted module. */
export function checkInboundBoundary(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  for (const contract of ctx.contracts) {
    const target = contract.data.placement.file;
    const judge = inboundJudge(contract);
    for (const { file, dependency } of ctx.graph.importersOf(target)) {
      if (file.path === target) continue;
      if (dependency.typeOnly && ctx.project.type_imports === "exempt") continue;
      const verdict = judge(file.path);
      if (verdict === "allowed") continue;
      const how = dependency.typeOnly ? `type-only ${dependency.form}` : dependency.form;
      violations.push({
        ruleId: "inbound-boundary",
        file: file.path,
        line: dependency.line,
        column: dependency.column,
        message:
          verdict === "forbidden"
            ? `${file.path} may not depend on ${target} (${how} "${dependency.specifier}"): it matches forbidden_inbound`
            : `${file.path} may not depend on ${target} (${how} "${dependency.specifier}"): it matches no allowed_inbound glob`,
        contract: contract.contractFile,
        fix: `Go through an allowed layer (${contract.data.boundary.allowed_inbound.join(", ") || "none"}) instead, or change the boundary in ${contract.contractFile}.`,
      });
    }
  }
  return { violations };
}
