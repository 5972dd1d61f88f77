/**
 * The registry of rules: every rule module, listed once. The `RuleId` type,
 * the SARIF rule catalogue, the rule table of docs/checker.md, the rule ids
 * `rules:` accepts and the rules dependency-cruiser enforces all derive from
 * this list.
 */
import type { BreachRule } from "../verdicts/types.js";
import { contractCoverage } from "./contract-coverage.js";
import { exportDrift } from "./export-drift.js";
import { importDrift } from "./import-drift.js";
import { inboundBoundary } from "./inbound-boundary.js";
import { invalidSuppression } from "./invalid-suppression.js";
import { layerBoundary } from "./layer-boundary.js";
import { noCircular } from "./no-circular.js";
import { reexportLaundering } from "./reexport-laundering.js";
import type { CommentRule, DependencyRule, Rule, RuleDefinition } from "./rule.js";
import { transactionForbidden } from "./transaction-forbidden.js";
import { unanalysableImport } from "./unanalysable-import.js";
import { unresolvableImport } from "./unresolvable-import.js";
import { unusedSuppression } from "./unused-suppression.js";

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
  unusedSuppression,
  invalidSuppression,
] as const;

/** The id of a rule of the registry. */
export type RuleId = (typeof RULES)[number]["id"];

/** Every rule id, in registry order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

const BY_ID = new Map<string, RuleDefinition>(RULES.map((rule) => [rule.id, rule]));

/**
 * The rule with id `id`.
 * @throws {Error} when the registry lists no such rule (a bug).
 */
export function ruleOf(id: RuleId): RuleDefinition<RuleId> {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`no rule ${id} in the registry`);
  return rule as RuleDefinition<RuleId>;
}

/** True for a rule the ts-morph engine checks (every rule but the comment rules). */
export function isCheckedRule<T extends RuleDefinition>(rule: T): rule is Extract<T, Rule> {
  return "check" in rule;
}

/** True for a rule that judges single dependencies. */
function isDependencyRule(rule: RuleDefinition): rule is DependencyRule {
  return "explain" in rule && "check" in rule;
}

/** True for a rule about `spine-check-ignore` comments (reported by the policy stage). */
function isCommentRule(rule: RuleDefinition): rule is CommentRule {
  return "explain" in rule && !("check" in rule);
}

const BY_BREACH = new Map<string, DependencyRule>();
const COMMENT_RULES = new Map<string, CommentRule>();
for (const rule of RULES as readonly RuleDefinition[]) {
  if (isDependencyRule(rule)) BY_BREACH.set(rule.id, rule);
  if (isCommentRule(rule)) COMMENT_RULES.set(rule.id, rule);
}

/** The comment rules' ids. */
export type CommentRuleId = typeof unusedSuppression.id | typeof invalidSuppression.id;

/**
 * The rule that explains problems of `spine-check-ignore` comments of kind `id`.
 * @throws {Error} when the registry lists no such rule (a bug).
 */
export function commentRule(id: CommentRuleId): CommentRule {
  const rule = COMMENT_RULES.get(id);
  if (rule === undefined) throw new Error(`no comment rule ${id} in the registry`);
  return rule;
}

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
