/**
 * What an engine returns.
 */
import type { CheckWarning, Violation } from "../result.js";

/** The outcome of one engine. */
export interface EngineResult {
  readonly violations: readonly Violation[];
  /** Contract files rewritten by `--update` (only the ts-morph engine updates). */
  readonly updated: readonly string[];
  /** Files analysed. */
  readonly files: number;
  readonly contracts: number;
  /** What the engine skipped or analysed in part. */
  readonly warnings: readonly CheckWarning[];
}
