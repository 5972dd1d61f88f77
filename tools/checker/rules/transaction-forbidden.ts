/**
 * Rule `transaction-forbidden`: a module whose contract says
 * `transaction: forbidden` leaves transaction control to its caller. A
 * contract that declares `transaction: allowed`, or no `transaction`, is not
 * checked.
 */
import type { TransactionFinding } from "../analyse/transactions.js";
import { defineRule, type Finding } from "./rule.js";

function describe(finding: TransactionFinding): string {
  if (finding.kind === "member") return `reference to ${finding.operation} (${finding.text})`;
  if (finding.kind === "sql") return `SQL ${finding.operation} in a literal (${finding.text})`;
  const via = finding.via;
  return via
    ? `use of helper ${via.name} (${finding.text}), which does ${describe(via.finding)} at ${via.file}:${via.finding.line}:${via.finding.column}`
    : finding.text;
}

/** The rule `transaction-forbidden`. */
export const transactionForbidden = defineRule({
  id: "transaction-forbidden",
  summary:
    "A module whose contract says `transaction: forbidden` commits, rolls back, opens a transaction or a savepoint (by member, SQL literal or a helper one import away).",
  help: "Take the connection or transaction from the caller (a Queryable) and let the caller commit or roll back.",
  engines: ["ts-morph"],
  check(context) {
    const findings: Finding[] = [];
    for (const contract of context.contracts) {
      const path = contract.data.placement.file;
      if (contract.data.placement.transaction !== "forbidden" || !context.inScope(path)) continue;
      for (const finding of context.transactions.read(path) ?? []) {
        findings.push({
          file: path,
          line: finding.line,
          column: finding.column,
          message: `transaction control in a module with transaction: forbidden: ${describe(finding)}`,
          contract: contract.contractFile,
          target: finding.text,
          fix: "Take the connection or transaction from the caller (a Queryable) and let the caller commit or roll back.",
        });
      }
    }
    return findings;
  },
});
