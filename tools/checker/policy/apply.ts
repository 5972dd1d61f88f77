/**
 * The policy stage: what turns the engines' merged findings into the
 * reported result, in one place for both engines and every format. In
 * order: rules that are off are dropped; inline suppressions silence the
 * findings they cover (and their own problems become findings of
 * `invalid-suppression` and `unused-suppression`); the baseline marks the
 * violations it knows; each violation gets its rule's severity.
 */
import type { FileSuppressions } from "../analyse/facts/types.js";
import { type BaselineEntry, type EngineName, type ReportedViolation, type RuleId, sortViolations, type Violation } from "../result.js";
import { type CommentRuleId, commentRule, ruleOf } from "../rules/registry.js";
import { baselineIndex } from "./baseline.js";
import type { Severities } from "./severities.js";
import { readSuppressions, type Suppression, suppressionFor } from "./suppressions.js";

/** What the policy stage reads. */
export interface PolicyInput {
  /** The engines' findings, merged. */
  readonly violations: readonly Violation[];
  /** The suppression comments of the analysed files. */
  readonly suppressions: readonly FileSuppressions[];
  readonly severities: Severities;
  /** The engines that ran. */
  readonly engines: readonly EngineName[];
  /** The baseline's entries (none when undefined). */
  readonly baseline?: readonly BaselineEntry[];
}

/** What the policy stage decided. */
export interface PolicyOutcome {
  /** Every violation of a rule that is not off, with its severity, baseline state and suppression, sorted. */
  readonly violations: readonly ReportedViolation[];
  /** Violations the baseline knew. */
  readonly known: number;
  /** Baseline entries that no longer occur. */
  readonly stale: readonly BaselineEntry[];
}

/** True when a rule was checked in a run: it is not off, and an engine that enforces it ran. */
export function ranRule(rule: RuleId, severities: Severities, engines: readonly EngineName[]): boolean {
  return severities.enabled(rule) && ruleOf(rule).engines.some((engine) => engines.includes(engine));
}

/** The violations the suppression comments of the analysed files make: their problems, and the silence they give. */
function suppress(input: PolicyInput, enabled: readonly Violation[]): { silenced: Map<Violation, Suppression>; problems: Violation[] } {
  const byFile = new Map(input.suppressions.map(({ file, comments }) => [file, readSuppressions(comments)]));
  const silenced = new Map<Violation, Suppression>();
  const used = new Set<Suppression>();
  for (const violation of enabled) {
    const suppression = suppressionFor(byFile.get(violation.file)?.valid ?? [], violation.ruleId, violation.line);
    if (suppression === undefined) continue;
    silenced.set(violation, suppression);
    used.add(suppression);
  }
  const problems: Violation[] = [];
  const report = (id: CommentRuleId, file: string, comment: Suppression["comment"], problem: string): void => {
    if (!input.severities.enabled(id)) return;
    const finding = commentRule(id).explain({ file, line: comment.line, column: comment.column, text: comment.text, problem });
    problems.push({ ...finding, ruleId: id, engines: input.engines });
  };
  for (const [file, { valid, invalid }] of byFile) {
    for (const { comment, problem } of invalid) report("invalid-suppression", file, comment, problem);
    for (const suppression of valid) {
      if (used.has(suppression) || !ranRule(suppression.rule, input.severities, input.engines)) continue;
      report("unused-suppression", file, suppression.comment, `no ${suppression.rule} finding on line ${suppression.line}`);
    }
  }
  return { silenced, problems };
}

/** Applies severities, suppressions and the baseline to the merged findings of a run. */
export function applyPolicy(input: PolicyInput): PolicyOutcome {
  const { severities } = input;
  const enabled = input.violations.filter((violation) => severities.enabled(violation.ruleId));
  const { silenced, problems } = suppress(input, enabled);
  const baseline = baselineIndex(input.baseline ?? []);
  let known = 0;
  const reported = [...enabled, ...problems].map((violation): ReportedViolation => {
    const suppression = silenced.get(violation);
    const isKnown = suppression === undefined && baseline.knows(violation);
    if (isKnown) known++;
    return {
      ...violation,
      severity: severities.of(violation.ruleId) === "warn" ? "warning" : "error",
      baseline: isKnown ? "known" : "new",
      ...(suppression === undefined ? {} : { suppressed: { line: suppression.comment.line, reason: suppression.reason } }),
    };
  });
  const unsilenced = reported.filter((violation) => violation.suppressed === undefined);
  const stale = baseline.stale(unsilenced, (rule) => ranRule(rule, severities, input.engines));
  return { violations: sortViolations(reported), known, stale };
}
