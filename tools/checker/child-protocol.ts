/**
 * How `--engine all` talks to the ts-morph engine it starts in a child
 * process: the hidden options that make the child print its raw findings
 * as JSON and share its configuration through the cache, and the lines it
 * writes on standard error (its progress when asked, and when the shared
 * configuration is saved).
 */

/** The hidden option that makes the command line print one engine's raw findings as JSON. */
export const ENGINE_REPORT_OPTION = "--engine-report";

/** The environment variable that asks a child engine to tell its progress on standard error. */
export const PROGRESS_VARIABLE = "SPINE_CHECK_PROGRESS_LINES";

/** The start of a progress line on a child's standard error. */
export const PROGRESS_PREFIX = "\u0001spine-check-progress ";

/**
 * The hidden option (with {@link ENGINE_REPORT_OPTION}) that makes a child
 * save the cache as soon as its configuration is loaded, so that the parent
 * reads the validated contracts from the cache instead of validating them
 * again, and say so on standard error with {@link CONFIGURATION_SAVED_LINE}.
 */
export const SHARE_CONFIGURATION_OPTION = "--share-configuration";

/** The line a child writes on standard error once its configuration is in the cache (see {@link SHARE_CONFIGURATION_OPTION}). */
export const CONFIGURATION_SAVED_LINE = "\u0001spine-check-configuration-saved";
