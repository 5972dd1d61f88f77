/**
 * The baseline: known violations, keyed by rule, file and target (never by
 * line, so that edits elsewhere in a file keep an entry). A violation the
 * baseline lists is `known` and never fails; any other is `new`. An entry
 * no violation matches is stale, but only when its rule ran in this run (a
 * rule that is off, or that only an engine that did not run enforces,
 * says nothing about its entries).
 */
import type { BaselineEntry, RuleId, Violation } from "../result.js";

/** The key of a violation or an entry. */
function keyOf(rule: string, file: string, target: string): string {
  return `${rule}\u0000${file}\u0000${target}`;
}

/** The baseline entry a violation would have. */
export function entryOf(violation: Pick<Violation, "ruleId" | "file" | "target">): BaselineEntry {
  return { rule: violation.ruleId, file: violation.file, target: violation.target ?? "" };
}

/** Sorts entries by file, rule and target, without duplicates (the order the file is written in). */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  const unique = new Map(entries.map((entry) => [keyOf(entry.rule, entry.file, entry.target), entry]));
  return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.target.localeCompare(b.target));
}

/** A baseline ready to classify violations. */
export interface BaselineIndex {
  /** True when the baseline lists the violation. */
  knows(violation: Pick<Violation, "ruleId" | "file" | "target">): boolean;
  /**
   * The entries no violation of `seen` matches, among those whose rule ran.
   * @param ran - whether a rule ran in this run.
   */
  stale(seen: readonly Pick<Violation, "ruleId" | "file" | "target">[], ran: (rule: RuleId) => boolean): BaselineEntry[];
}

/** Indexes baseline entries. */
export function baselineIndex(entries: readonly BaselineEntry[]): BaselineIndex {
  const keys = new Set(entries.map((entry) => keyOf(entry.rule, entry.file, entry.target)));
  const violationKey = (violation: Pick<Violation, "ruleId" | "file" | "target">): string => keyOf(violation.ruleId, violation.file, violation.target ?? "");
  return {
    knows: (violation) => keys.has(violationKey(violation)),
    stale(seen, ran) {
      const present = new Set(seen.map(violationKey));
      return entries.filter((entry) => ran(entry.rule as RuleId) && !present.has(keyOf(entry.rule, entry.file, entry.target)));
    },
  };
}

/**
 * The entries `--update-baseline` writes: every violation of this run, and
 * the old entries of rules that did not run (they stay until a run that
 * checks them).
 */
export function updatedEntries(
  violations: readonly Pick<Violation, "ruleId" | "file" | "target">[],
  old: readonly BaselineEntry[],
  ran: (rule: RuleId) => boolean,
): BaselineEntry[] {
  return sortEntries([...violations.map(entryOf), ...old.filter((entry) => !ran(entry.rule as RuleId))]);
}
