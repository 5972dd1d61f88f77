/**
 * Inline suppressions: `// spine-check-ignore <rule-id> -- <reason>` on the
 * line before a finding (or after a run of such comments right before it),
 * or at the end of the finding's line, silences that rule's findings on
 * that line. The reason is required. A comment that names no rule of the
 * registry or gives no reason silences nothing and is reported
 * (`invalid-suppression`); a valid one that silences nothing is reported
 * too (`unused-suppression`), when a rule it names ran.
 *
 * Each function works on one file's comments and findings, so that an
 * editor integration can apply them file by file.
 */
import type { SuppressionComment } from "../analyse/facts/types.js";
import { SUPPRESSION_MARKER } from "../analyse/facts/suppressions.js";
import { RULE_IDS, type RuleId } from "../rules/registry.js";

/** A comment read as a suppression: the rule it silences and why, or what is wrong with it. */
export type Directive = { readonly rule: RuleId; readonly reason: string } | { readonly problem: string };

const KNOWN = new Set<string>(RULE_IDS);

/** Reads a suppression comment's text (`spine-check-ignore <rule-id> -- <reason>`). */
export function parseDirective(text: string): Directive {
  const rest = text.slice(SUPPRESSION_MARKER.length).trim();
  const separator = rest.search(/(^|\s)--(\s|$)/);
  const rule = (separator < 0 ? rest : rest.slice(0, separator)).trim();
  const reason = separator < 0 ? "" : rest.slice(separator).replace(/^\s*--/, "").trim();
  if (rule === "") return { problem: "it names no rule" };
  if (/\s/.test(rule)) return { problem: `"${rule}" is not one rule id (write the reason after "--")` };
  if (!KNOWN.has(rule)) return { problem: `"${rule}" is not a rule id` };
  if (reason === "") return { problem: 'it gives no reason after "--"' };
  return { rule: rule as RuleId, reason };
}

/**
 * The line a comment covers: its own line for a comment after code, else
 * the first line after it that is not another suppression comment of its
 * own (so that several comments can stand above one line).
 * @param comments - every suppression comment of the file, in source order.
 */
export function coveredLine(comment: SuppressionComment, comments: readonly SuppressionComment[]): number {
  if (!comment.ownLine) return comment.line;
  const ownLines = new Set(comments.filter((other) => other.ownLine).map((other) => other.line));
  let line = comment.line + 1;
  while (ownLines.has(line)) line++;
  return line;
}

/** A valid suppression of one file. */
export interface Suppression {
  readonly comment: SuppressionComment;
  readonly rule: RuleId;
  readonly reason: string;
  /** The line whose findings it silences. */
  readonly line: number;
}

/** A comment that is not a valid suppression. */
export interface InvalidSuppression {
  readonly comment: SuppressionComment;
  readonly problem: string;
}

/** Reads one file's suppression comments. */
export function readSuppressions(comments: readonly SuppressionComment[]): { valid: Suppression[]; invalid: InvalidSuppression[] } {
  const valid: Suppression[] = [];
  const invalid: InvalidSuppression[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.text);
    if ("problem" in directive) invalid.push({ comment, problem: directive.problem });
    else valid.push({ comment, rule: directive.rule, reason: directive.reason, line: coveredLine(comment, comments) });
  }
  return { valid, invalid };
}

/** The suppression that silences a finding of `rule` on `line`, if any. */
export function suppressionFor(suppressions: readonly Suppression[], rule: RuleId, line: number): Suppression | undefined {
  return suppressions.find((suppression) => suppression.rule === rule && suppression.line === line);
}
