/**
 * What an engine returns: its raw violations (no severity, suppression or
 * baseline applied yet: the policy stage does that once, after the
 * engines' findings are merged) and the suppression comments of the files
 * it analysed.
 */
import type { FileSuppressions } from "../analyse/facts/types.js";
import type { CheckWarning, Violation } from "../result.js";

export type { FileSuppressions };

/** The outcome of one engine. */
export interface EngineResult {
  readonly violations: readonly Violation[];
  /** Contract files rewritten by `--update` (only the ts-morph engine updates). */
  readonly updated: readonly string[];
  /** Files analysed. */
  readonly files: number;
  readonly contracts: number;
  /** The `spine-check-ignore` comments of the analysed files (only files that have some). */
  readonly suppressions: readonly FileSuppressions[];
  /** What the engine skipped or analysed in part. */
  readonly warnings: readonly CheckWarning[];
}
