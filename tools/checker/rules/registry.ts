/**
 * The registry of rules: every rule module, listed once. The `RuleId` type,
 * the SARIF rule catalogue, the README's rule table and the rules
 * dependency-cruiser enforces all derive from this list.
 */
import type { BreachRule } from "../verdicts/types.js";
import { contractCoverage } from "./contract-coverage.js";
import { exportDrift } from "./export-drift.js";
import { importDrift } from "./import-drift.js";
import { inboundBoundary } from "./inbound-boundary.js";
import { layerBoundary } from "./layer-boundary.js";
import { noCircular } from "./no-circular.js";
import { reexportLaundering } from "./reexport-laundering.js";
import type { DependencyRule, Rule } from "./rule.js";
import { transactionForbidden } from "./transaction-forbidden.js";
import { unanalysableImport } from "./unanalysable-import.js";
import { unresolvableImport } from "./unresolvable-import.js";

/** Every rule, in the order reports and docs list them. */
export const RULES = [
  inboundBoundary,
  unanalysableImport,
  unresolvableImport,
  reexportLaundering,
  layerBoundary,
  noCircular,
  transactionForbidden,
  exportDrift,
  importDrift,
  contractCoverage,
] as const;

/** The id of a rule of the registry. */
export type RuleId = (typeof RULES)[number]["id"];

/** True for a rule that judges single dependencies. */
function isDependencyRule(rule: Rule): rule is DependencyRule {
  return "explain" in rule;
}

const BY_BREACH = new Map<string, DependencyRule>();
for (const rule of RULES as readonly Rule[]) if (isDependencyRule(rule)) BY_BREACH.set(rule.id, rule);

/**
 * The rule that explains breaches of `id` (the ts-morph engine and
 * dependency-cruiser's report use the same explanation).
 * @throws {Error} when the registry lists no such rule (a bug).
 */
export function dependencyRule(id: BreachRule): DependencyRule {
  const rule = BY_BREACH.get(id);
  if (rule === undefined) throw new Error(`no dependency rule ${id} in the registry`);
  return rule;
}
