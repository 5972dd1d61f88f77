/**
 * Maps dependency-cruiser's findings into the checker's violations: each
 * finding's rule name leads to the breach it stands for (see `config.ts`),
 * and the registry's rule explains it with the message and fix the ts-morph
 * engine reports. Positions come from {@link locateSpecifier}. Two
 * dependency-cruiser rules that stand for one rule of the registry (the
 * boundary's "not allowed" and "forbidden" rules) report one violation. A
 * cycle, which dependency-cruiser reports once, is one violation per
 * dependency along it, as the ts-morph engine reports cycles.
 */
import type { IViolation } from "dependency-cruiser";
import type { DependencyForm } from "../../analyse/facts/types.js";
import { externalOf, type Resolution } from "../../analyse/resolve.js";
import { type Violation } from "../../result.js";
import { dependencyRule } from "../../rules/registry.js";
import type { DependencySite } from "../../rules/rule.js";
import type { Breach } from "../../verdicts/types.js";
import { locateSpecifier } from "./locate.js";
import { isPackageTarget } from "./packages.js";
import { layerJudge } from "../../verdicts/layers.js";

/** The form of a dependency, from dependency-cruiser's dependency types. */
function formOf(types: readonly string[]): DependencyForm {
  if (types.includes("dynamic-import")) return "dynamic-import";
  if (types.includes("require") || types.includes("exotic-require")) return "require";
  if (types.includes("import-equals")) return "import-equals";
  if (types.includes("export")) return "export-from";
  if (types.includes("type-import")) return "import-type";
  return "import";
}

/** What dependency-cruiser's result says of a dependency besides its finding. */
export interface CruisedDependency {
  /** The specifier as written. */
  readonly specifier: string;
  /** True when dependency-cruiser could not resolve it (the target is then the specifier). */
  readonly couldNotResolve: boolean;
}

/** One dependency of a finding: where it is written and what it breaks. */
interface FoundDependency {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
  readonly types: readonly string[];
  readonly breach: Breach;
  readonly couldNotResolve: boolean;
}

/** Where a finding's dependency leads, as the ts-morph engine's graph would say. */
function targetOf(found: FoundDependency): Resolution {
  if (found.breach.rule === "unresolvable-import") return { kind: "unresolved" };
  if (found.couldNotResolve || isPackageTarget(found.to, found.types.includes("core"))) return externalOf(found.specifier);
  return { kind: "internal", path: found.to };
}

/**
 * False for a finding of a layer rule's package rule that the module as
 * written does not break (dependency-cruiser matched its whole package):
 * the ts-morph engine's judge decides, on the same target.
 */
function breaks(breach: Breach, target: Resolution): boolean {
  if (breach.rule !== "layer-boundary" || target.kind !== "external") return true;
  return layerJudge(breach.layer, "count").standing(target) === breach.standing;
}

/** The order in which findings are read: a breach that names a forbidden target before one that names a target outside what is allowed, as the ts-morph engine judges a dependency that breaks both. */
function rank(origin: Breach | undefined): number {
  if (origin?.rule === "inbound-boundary") return origin.standing === "forbidden" ? 0 : 1;
  if (origin?.rule === "layer-boundary") return origin.standing === "forbidden" ? 0 : 1;
  return 0;
}

/**
 * The dependencies a finding is about: its own, or, for a cycle
 * (`from → cycle[0] → … → from`), every dependency along the cycle, each
 * with the way back to its file.
 */
function dependenciesOf(finding: IViolation, origin: Breach, dependencyOf: (from: string, to: string) => CruisedDependency | undefined): FoundDependency[] {
  const known = dependencyOf(finding.from, finding.to);
  const specifier = finding.unresolvedTo ?? known?.specifier ?? finding.to;
  const types = finding.dependencyTypes ?? [];
  const couldNotResolve = known?.couldNotResolve ?? false;
  if (origin.rule !== "no-circular") return [{ from: finding.from, to: finding.to, specifier, types, breach: origin, couldNotResolve }];
  const loop = [finding.from, ...(finding.cycle ?? []).map((step) => step.name)];
  if (loop[loop.length - 1] === finding.from) loop.pop();
  return loop.map((from, index) => {
    const to = loop[(index + 1) % loop.length] as string;
    const back = [...loop.slice(index + 1), ...loop.slice(0, index + 1)];
    const first = index === 0;
    return {
      from,
      to,
      specifier: first ? specifier : (dependencyOf(from, to)?.specifier ?? to),
      types: first ? types : (finding.cycle?.[index]?.dependencyTypes ?? []),
      breach: { rule: "no-circular", cycle: back },
      couldNotResolve: false,
    };
  });
}

/**
 * The violations of dependency-cruiser's findings.
 * @param origins - the breach each rule name stands for.
 * @param readSource - the text of a repository file (for positions).
 * @param dependencyOf - how a cruised file writes its dependency on a target, and whether it resolved, when dependency-cruiser knows it.
 */
export function depcruiseViolations(
  findings: readonly IViolation[],
  origins: ReadonlyMap<string, Breach>,
  readSource: (path: string) => string,
  dependencyOf: (from: string, to: string) => CruisedDependency | undefined,
): Violation[] {
  const byKey = new Map<string, Violation>();
  const ordered = [...findings].sort((a, b) => rank(origins.get(a.rule.name)) - rank(origins.get(b.rule.name)));
  for (const finding of ordered) {
    const origin = origins.get(finding.rule.name);
    if (origin === undefined || (finding.type !== undefined && finding.type !== "dependency" && finding.type !== "cycle")) continue;
    for (const found of dependenciesOf(finding, origin, dependencyOf)) {
      const site: DependencySite = {
        file: found.from,
        dependency: {
          form: formOf(found.types),
          specifier: found.specifier,
          typeOnly: found.types.includes("type-only") || found.types.includes("type-import"),
          target: targetOf(found),
          ...locateSpecifier(readSource(found.from), found.specifier),
        },
      };
      if (!breaks(found.breach, site.dependency.target)) continue;
      const explained = dependencyRule(found.breach.rule).explain(site, found.breach);
      const violation: Violation = { ...explained, ruleId: found.breach.rule, engines: ["depcruise"] };
      const key = `${violation.ruleId}\u0000${violation.file}\u0000${violation.target ?? ""}`;
      if (!byKey.has(key)) byKey.set(key, violation);
    }
  }
  return [...byKey.values()];
}
