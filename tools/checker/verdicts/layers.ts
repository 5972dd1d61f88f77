/**
 * Judges a dependency against one layer rule of `contracts/project.yaml`.
 * A rule governs the files matching `from` but not `except`. Such a file
 * breaks it by depending on what `forbidden` matches and `allow` does not
 * (a repository file by path; a package's module as written: `jotai`,
 * `react-dom/server`, `@scope/*`, `node:fs`), or, when the rule has `only`,
 * on a repository file that matches neither `only` nor `from` (packages
 * are not governed by `only`).
 */
import type { Resolution } from "../analyse/resolve.js";
import { matcher } from "../contracts/glob.js";
import type { LayerRule, TypeImports } from "../contracts/types.js";

/** How a dependency breaks a layer rule: a forbidden target, or one outside `only`. */
export type LayerStanding = "forbidden" | "outside-only";

/** A layer rule ready to judge dependencies. */
export interface LayerJudge {
  readonly layer: LayerRule;
  /** True when the rule governs the importing file. */
  governs(file: string): boolean;
  /** Whether type-only dependencies count for this rule (the rule's `type_imports`, else the project's). */
  readonly typeImports: TypeImports;
  /** How a dependency with this target breaks the rule, or `undefined` when it does not. */
  standing(target: Resolution): LayerStanding | undefined;
}

/** Builds the judge of one layer rule. */
export function layerJudge(layer: LayerRule, projectTypeImports: TypeImports): LayerJudge {
  const from = matcher(layer.from);
  const except = matcher(layer.except);
  const forbidden = matcher(layer.forbidden);
  const allow = matcher(layer.allow);
  const only = layer.only === undefined ? undefined : matcher(layer.only);
  return {
    layer,
    governs: (file) => from(file) && !except(file),
    typeImports: layer.type_imports ?? projectTypeImports,
    standing(target) {
      if (target.kind === "unresolved") return undefined;
      const name = target.kind === "internal" ? target.path : target.module;
      if (forbidden(name) && !allow(name)) return "forbidden";
      if (only !== undefined && target.kind === "internal" && !only(name) && !from(name)) return "outside-only";
      return undefined;
    },
  };
}
