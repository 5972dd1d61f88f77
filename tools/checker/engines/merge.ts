/**
 * Merges the two engines' violations into one report. A violation both
 * engines found (same rule, file and target) is reported once per import
 * site the ts-morph engine found, with both engines named; a finding of one
 * engine alone keeps its own position.
 */
import type { Violation } from "../result.js";
import { sortViolations } from "../result.js";

function keyOf(violation: Violation): string {
  return `${violation.ruleId}\u0000${violation.file}\u0000${violation.target ?? ""}`;
}

/** One report of both engines' violations, sorted. */
export function mergeViolations(tsMorph: readonly Violation[], depcruise: readonly Violation[]): Violation[] {
  const groups = new Map<string, Violation[]>();
  for (const violation of tsMorph) groups.set(keyOf(violation), [...(groups.get(keyOf(violation)) ?? []), violation]);
  const merged: Violation[] = [];
  const alsoFound = new Set<Violation>();
  for (const violation of depcruise) {
    const same = violation.target === undefined ? undefined : groups.get(keyOf(violation));
    if (same === undefined) merged.push(violation);
    else for (const found of same) alsoFound.add(found);
  }
  for (const violation of tsMorph) merged.push(alsoFound.has(violation) ? { ...violation, engines: ["ts-morph", "depcruise"] } : violation);
  return sortViolations(merged);
}
