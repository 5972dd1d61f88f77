/**
 * Merges the two engines' violations into one report. A violation both
 * engines found (same rule, file and target) is reported once, with both
 * engines named. A dependency-cruiser finding the ts-morph engine did not
 * make is placed where the ts-morph engine's graph says the dependency is
 * written, when the graph has it.
 */
import type { RepoGraph } from "../analyse/graph.js";
import type { Violation } from "../result.js";
import { sortViolations } from "../result.js";
import { targetOf } from "../rules/rule.js";

function keyOf(violation: Violation): string {
  return `${violation.ruleId}\u0000${violation.file}\u0000${violation.target ?? ""}`;
}

/**
 * One report of both engines' violations, sorted.
 * @param graph - the ts-morph engine's graph, for positions of dependency-cruiser's findings.
 */
export function mergeViolations(tsMorph: readonly Violation[], depcruise: readonly Violation[], graph?: RepoGraph): Violation[] {
  const groups = new Map<string, Violation[]>();
  for (const violation of tsMorph) groups.set(keyOf(violation), [...(groups.get(keyOf(violation)) ?? []), violation]);
  const merged: Violation[] = [];
  const alsoFound = new Set<Violation>();
  for (const violation of depcruise) {
    const same = violation.target === undefined ? undefined : groups.get(keyOf(violation));
    if (same !== undefined) {
      for (const found of same) alsoFound.add(found);
      continue;
    }
    const site = graph?.files.get(violation.file)?.dependencies.find((dependency) => targetOf(dependency) === violation.target);
    merged.push(site === undefined ? violation : { ...violation, line: site.line, column: site.column });
  }
  for (const violation of tsMorph) merged.push(alsoFound.has(violation) ? { ...violation, engines: ["ts-morph", "depcruise"] } : violation);
  return sortViolations(merged);
}
