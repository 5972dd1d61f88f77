/**
 * How `--engine all` talks to the ts-morph engine it starts in a child
 * process: the hidden option that makes the child print its raw findings
 * as JSON, and the progress lines it writes on standard error when asked.
 */

/** The hidden option that makes the command line print one engine's raw findings as JSON. */
export const ENGINE_REPORT_OPTION = "--engine-report";

/** The environment variable that asks a child engine to tell its progress on standard error. */
export const PROGRESS_VARIABLE = "SPINE_CHECK_PROGRESS_LINES";

/** The start of a progress line on a child's standard error. */
export const PROGRESS_PREFIX = "\u0001spine-check-progress ";
