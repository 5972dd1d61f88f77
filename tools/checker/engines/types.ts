/**
 * What an engine returns.
 */
import type { RepoGraph } from "../analyse/graph.js";
import type { Violation } from "../result.js";

/** The outcome of one engine. */
export interface EngineResult {
  readonly violations: readonly Violation[];
  /** Contract files rewritten by `--update` (only the ts-morph engine updates). */
  readonly updated: readonly string[];
  /** Files analysed. */
  readonly files: number;
  readonly contracts: number;
}

/** The outcome of the ts-morph engine, with the graph it built (where dependency-cruiser's findings are placed). */
export interface TsMorphResult extends EngineResult {
  readonly graph: RepoGraph;
}
