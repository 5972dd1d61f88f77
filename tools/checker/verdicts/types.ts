/**
 * The verdict of one dependency: allowed, or every rule it breaks and why.
 * Computed once (`judge.ts`); the rules, dependency-cruiser's report and the
 * docs only read verdicts.
 */
import type { GraphFile, ResolvedDependency } from "../analyse/graph.js";
import type { LoadedContract } from "../contracts/contracts.js";
import type { LayerRule } from "../contracts/types.js";
import type { InboundStanding } from "./boundary.js";
import type { LayerStanding } from "./layers.js";

/** One reason a dependency is forbidden: the rule it breaks and what that rule needs to explain itself. */
export type Breach =
  /** The target is a contracted module and the file is outside its boundary. */
  | { readonly rule: "inbound-boundary"; readonly contract: LoadedContract; readonly standing: Exclude<InboundStanding, "allowed"> }
  /** The file is governed by a layer rule and the target is forbidden by it, or outside its `only`. */
  | { readonly rule: "layer-boundary"; readonly layer: LayerRule; readonly standing: LayerStanding }
  /** The target re-exports a name declared in a contracted module, through `chain`, to a file outside that contract's boundary. */
  | { readonly rule: "reexport-laundering"; readonly contract: LoadedContract; readonly name: string; readonly chain: readonly string[] }
  /** The target leads back to the file: `cycle` runs from the target to the file. */
  | { readonly rule: "no-circular"; readonly cycle: readonly string[] }
  /** A relative or aliased specifier that leads to no file. */
  | { readonly rule: "unresolvable-import" };

/** The rule ids a breach can name. */
export type BreachRule = Breach["rule"];

/** A dependency with its verdict. */
export interface JudgedDependency {
  readonly file: GraphFile;
  readonly dependency: ResolvedDependency;
  /** True for a type-only dependency when the project's `type_imports` is `exempt`: it breaks no rule (but a layer rule whose own `type_imports` is `count`). */
  readonly exempt: boolean;
  /** Every rule the dependency breaks; empty when it is allowed. */
  readonly breaches: readonly Breach[];
}
