/**
 * The limits that keep hostile or odd input from exhausting time, memory or
 * the stack: a file over a limit is an input error (a contract, the project
 * file, a tsconfig) or is analysed in part and reported (a source file).
 * The limits on source files are settable under `limits:` in
 * `contracts/project.yaml`; the others are fixed. See docs/limits.md.
 */

/** One mebibyte. */
const MiB = 1024 * 1024;

/** The settable limits (`limits:` in `contracts/project.yaml`), in bytes. */
export interface Limits {
  /** A contract file larger than this is a configuration error. */
  readonly contract_bytes: number;
  /**
   * A contracted module larger than this is not analysed for transaction
   * control and exports (`transaction-forbidden`, `export-drift`,
   * `--update`); its imports are still checked, and a warning says so.
   */
  readonly analyse_bytes: number;
  /**
   * A source file larger than this is scanned for its imports without a
   * syntax tree (every import, export … from, require() and import() is
   * found; re-exports are not followed through it), and a warning says so.
   */
  readonly parse_bytes: number;
  /** A file larger than this is not read at all, and a warning says so. */
  readonly read_bytes: number;
}

/** The defaults: generous enough for the 1–15 MB generated files of real repositories. */
export const DEFAULT_LIMITS: Limits = {
  contract_bytes: 1 * MiB,
  analyse_bytes: 4 * MiB,
  parse_bytes: 32 * MiB,
  read_bytes: 256 * MiB,
};

/** The largest value a byte limit may be set to: what V8 can still hold as one string. */
export const MAX_BYTES_LIMIT = 500_000_000;

/** The largest `contracts/project.yaml` read (not settable: it holds the settings). */
export const PROJECT_FILE_BYTES = 1 * MiB;

/** The largest tsconfig file read (each file of the `extends`/`references` chain). */
export const TSCONFIG_BYTES = 4 * MiB;

/** The deepest nesting of collections in a YAML file or a tsconfig (contracts need 5 levels). */
export const MAX_NESTING = 64;

/** The most aliases (`*name`) a YAML file may use. */
export const MAX_YAML_ALIASES = 100;

/** The most nodes a YAML file's aliases may expand to, all together (an alias bomb expands to billions). */
export const MAX_YAML_ALIAS_NODES = 100_000;

/** The most `*` and `**` wildcards in one path glob (more makes matching a path exponential). */
export const MAX_GLOB_WILDCARDS = 16;

/** The longest path glob, in characters. */
export const MAX_GLOB_LENGTH = 1000;

/** A byte count for messages: `1.5 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
