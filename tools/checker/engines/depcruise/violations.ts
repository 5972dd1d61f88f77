/**
 * Maps dependency-cruiser's findings into the checker's violations: each
 * finding's rule name leads to the breach it stands for (see `config.ts`),
 * and the registry's rule explains it with the message and fix the ts-morph
 * engine reports. Positions come from {@link locateSpecifier}. Two
 * dependency-cruiser rules that stand for one rule of the registry (the
 * boundary's "not allowed" and "forbidden" rules) report one violation.
 */
import type { IViolation } from "dependency-cruiser";
import type { DependencyForm } from "../../analyse/facts/types.js";
import type { Resolution } from "../../analyse/resolve.js";
import { type Violation } from "../../result.js";
import { dependencyRule } from "../../rules/registry.js";
import type { DependencySite } from "../../rules/rule.js";
import type { Breach } from "../../verdicts/types.js";
import { locateSpecifier } from "./locate.js";

/** The form of a dependency, from dependency-cruiser's dependency types. */
function formOf(types: readonly string[]): DependencyForm {
  if (types.includes("dynamic-import")) return "dynamic-import";
  if (types.includes("require") || types.includes("exotic-require")) return "require";
  if (types.includes("import-equals")) return "import-equals";
  if (types.includes("export")) return "export-from";
  if (types.includes("type-import")) return "import-type";
  return "import";
}

/** The breach a finding stands for: its rule's origin, with the cycle it found. */
function breachOf(violation: IViolation, origin: Breach): Breach {
  if (origin.rule !== "no-circular") return origin;
  return { rule: "no-circular", cycle: (violation.cycle ?? []).map((step) => step.name) };
}

/** Where a finding's dependency leads, as the ts-morph engine's graph would say. */
function targetOf(violation: IViolation, breach: Breach): Resolution {
  return breach.rule === "unresolvable-import" ? { kind: "unresolved" } : { kind: "internal", path: violation.to };
}

/**
 * The violations of dependency-cruiser's findings.
 * @param origins - the breach each rule name stands for.
 * @param readSource - the text of a repository file (for positions).
 */
export function depcruiseViolations(
  findings: readonly IViolation[],
  origins: ReadonlyMap<string, Breach>,
  readSource: (path: string) => string,
): Violation[] {
  const byKey = new Map<string, Violation>();
  // "forbidden" before "not allowed", as the ts-morph engine judges a file that matches both.
  const ordered = [...findings].sort((a, b) => Number(b.rule.name.startsWith("forbidden-")) - Number(a.rule.name.startsWith("forbidden-")));
  for (const finding of ordered) {
    const origin = origins.get(finding.rule.name);
    if (origin === undefined || (finding.type !== undefined && finding.type !== "dependency" && finding.type !== "cycle")) continue;
    const breach = breachOf(finding, origin);
    const types = finding.dependencyTypes ?? [];
    const specifier = finding.unresolvedTo ?? finding.to;
    const site: DependencySite = {
      file: finding.from,
      dependency: {
        form: formOf(types),
        specifier,
        typeOnly: types.includes("type-only") || types.includes("type-import"),
        target: targetOf(finding, breach),
        ...locateSpecifier(readSource(finding.from), specifier),
      },
    };
    const explained = dependencyRule(breach.rule).explain(site, breach);
    const violation: Violation = { ...explained, ruleId: breach.rule, engines: ["depcruise"] };
    const key = `${violation.ruleId}\u0000${violation.file}\u0000${violation.target ?? ""}`;
    if (!byKey.has(key)) byKey.set(key, violation);
  }
  return [...byKey.values()];
}
