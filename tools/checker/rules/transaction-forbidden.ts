/**
 * Rule `transaction-forbidden`: a module whose contract says
 * `transaction: forbidden` leaves transaction control to its caller.
 */
import type { TransactionFinding } from "../analyse/transactions.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

function describe(finding: TransactionFinding): string {
  if (finding.kind === "member") return `reference to ${finding.operation} (${finding.text})`;
  if (finding.kind === "sql") return `SQL ${finding.operation} in a literal (${finding.text})`;
  const via = finding.via;
  return via
    ? `use of helper ${via.name} (${finding.text}), which does ${describe(via.finding)} at ${via.file}:${via.finding.line}:${via.finding.column}`
    : finding.text;
}

/** Checks every contracted module with `transaction: forbidden`. */
export function checkTransactions(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  for (const contract of ctx.contracts) {
    if (contract.data.placement.transaction !== "forbidden") continue;
    const path = contract.data.placement.file;
    const findings = ctx.transactions.read(path);
    for (const finding of findings ?? []) {
      violations.push({
        ruleId: "transaction-forbidden",
        file: path,
        line: finding.line,
        column: finding.column,
        message: `transaction control in a module with transaction: forbidden: ${describe(finding)}`,
        contract: contract.contractFile,
        fix: "Take the connection or transaction from the caller (a Queryable) and let the caller commit or roll back.",
      });
    }
  }
  return { violations };
}
