/**
 * What every rule receives and returns.
 */
import type { RepoGraph } from "../analyse/graph.js";
import type { ModuleApiReader } from "../analyse/module-api.js";
import type { SpecifierResolver } from "../analyse/resolve.js";
import type { TransactionReader } from "../analyse/transaction-reader.js";
import type { LoadedContract } from "../contracts/load.js";
import type { ProjectData } from "../contracts/types.js";

/** The rule ids, one per check. */
export type RuleId =
  | "inbound-boundary"
  | "unanalysable-import"
  | "reexport-laundering"
  | "layer-boundary"
  | "transaction-forbidden"
  | "export-drift"
  | "import-drift"
  | "contract-coverage";

/** One violation of a rule. */
export interface Violation {
  readonly ruleId: RuleId;
  /** Repository-relative path of the offending file (a source file or a contract). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The contract (or `contracts/project.yaml`) that states the rule broken. */
  readonly contract: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Everything a rule may read. */
export interface RuleContext {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly project: ProjectData;
  readonly contracts: readonly LoadedContract[];
  readonly graph: RepoGraph;
  readonly resolver: SpecifierResolver;
  /** The exported APIs of contracted modules (type checker, cached). */
  readonly apis: ModuleApiReader;
  /** Transaction findings of modules (cached). */
  readonly transactions: TransactionReader;
  /** With `--update`: rewrite contracts' `exports` instead of reporting drift. */
  readonly update: boolean;
}

/** The outcome of one rule. */
export interface RuleOutcome {
  readonly violations: readonly Violation[];
  /** Contract files rewritten (only `--update`). */
  readonly updated?: readonly string[];
}
