/** Types of run-temp.mjs (one temporary folder per test run). */

/** The start of a run folder's name; the process id and a random suffix follow. */
export declare const RUN_TEMP_PREFIX: string;
/** The system's temporary folder, as it was before the run pointed `TMPDIR` at its own. */
export declare function systemTemp(): string;
/** Deletes the run folders in `parent` whose process is gone; returns their names. */
export declare function sweepStaleRunTemps(parent: string): string[];
/** Makes this run's temporary folder, points `TMPDIR` at it and deletes it when the process exits; returns it. */
export declare function openRunTemp(): string;
