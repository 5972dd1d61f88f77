/**
 * dependency-cruiser's rules for one layer rule of `contracts/project.yaml`,
 * matching what `verdicts/layers.ts` judges: the files of `from` but not
 * `except` may not depend on a repository file of `forbidden` that `allow`
 * does not exempt, nor on a package module `forbidden` names (installed,
 * built-in or not installed: one rule each, matching the whole package;
 * the module as written and `allow` are judged on the findings), nor, with
 * `only`, on a repository file outside `only` and `from`.
 */
import type { IRegularForbiddenRuleType } from "dependency-cruiser";
import { globsToRegExpSources } from "../../contracts/glob.js";
import type { LayerRule, TypeImports } from "../../contracts/types.js";
import type { LayerStanding } from "../../verdicts/layers.js";
import { builtinPattern, installedPackagePattern, NODE_MODULES, uninstalledPackagePattern } from "./packages.js";

/** One rule and the way it breaks the layer. */
export interface LayerDepcruiseRule {
  readonly rule: IRegularForbiddenRuleType;
  readonly standing: LayerStanding;
}

/** What the rules of a layer are built with besides the layer. */
export interface LayerRuleOptions {
  readonly typeImports: TypeImports;
  readonly severity: "error" | "warn";
  /** Patterns of aliased specifiers (tsconfig `paths`, workspace packages): an unresolved one is not a package. */
  readonly aliasPatterns: readonly string[];
}

/** A path outside the repository, as dependency-cruiser writes it relative to the root. */
const OUTSIDE = "^\\.\\./";

/** Builds the dependency-cruiser rules of a layer rule. */
export function layerRules(layer: LayerRule, options: LayerRuleOptions): LayerDepcruiseRule[] {
  const from = { path: globsToRegExpSources(layer.from) ?? [], ...(layer.except.length === 0 ? {} : { pathNot: globsToRegExpSources(layer.except) }) };
  const typesNot = options.typeImports === "exempt" ? ["type-only" as const] : [];
  const base = { comment: `contracts/project.yaml: ${layer.reason}`, severity: options.severity, from };
  const rules: LayerDepcruiseRule[] = [];
  const name = `layer-boundary-${layer.name}`;
  const allowed = globsToRegExpSources(layer.allow) ?? [];
  if (layer.forbidden.length > 0) {
    rules.push({
      standing: "forbidden",
      rule: {
        ...base,
        name,
        to: {
          path: globsToRegExpSources(layer.forbidden) ?? [],
          pathNot: [...allowed, NODE_MODULES, OUTSIDE],
          couldNotResolve: false,
          dependencyTypesNot: ["core", ...typesNot],
        },
      },
    });
  }
  // Packages: every dependency on a package some forbidden module belongs to; `allow` and the module as written are judged on the findings (violations.ts).
  const packages = layer.forbidden;
  if (packages.length > 0) {
    const typed = typesNot.length === 0 ? {} : { dependencyTypesNot: typesNot };
    rules.push({ standing: "forbidden", rule: { ...base, name: `${name}-packages`, to: { path: packages.map(installedPackagePattern), ...typed } } });
    rules.push({
      standing: "forbidden",
      rule: {
        ...base,
        name: `${name}-uninstalled-packages`,
        to: { couldNotResolve: true, path: packages.map(uninstalledPackagePattern), pathNot: ["^[./#]", ...options.aliasPatterns], ...typed },
      },
    });
    const builtins = builtinPattern(packages);
    if (builtins !== undefined) {
      rules.push({
        standing: "forbidden",
        rule: { ...base, name: `${name}-builtins`, to: { dependencyTypes: ["core"], path: builtins, ...typed } },
      });
    }
  }
  if (layer.only !== undefined) {
    rules.push({
      standing: "outside-only",
      rule: {
        ...base,
        name: `${name}-only`,
        to: {
          pathNot: [...(globsToRegExpSources(layer.only) ?? []), ...(globsToRegExpSources(layer.from) ?? []), NODE_MODULES, OUTSIDE],
          couldNotResolve: false,
          dependencyTypesNot: ["core", ...typesNot],
        },
      },
    });
  }
  return rules;
}
