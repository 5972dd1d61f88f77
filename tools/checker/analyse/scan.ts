/**
 * Finds the files a run scans: every regular file under the root matching
 * the project's `scan.include` globs and none of its `scan.exclude` globs,
 * and the package manifests beside them. Excluded folders are pruned, so
 * `node_modules` is never walked. No symbolic link is followed (both
 * engines analyse this one list of files); each one the scan would have
 * followed, and each FIFO, socket, device or undecodable name it would have
 * scanned, is reported as a warning.
 */
import { join } from "node:path";
import { matcher } from "../contracts/glob.js";
import type { ConfigProblem } from "../errors.js";
import { linkTarget } from "../files/links.js";
import { entryKind } from "../files/read.js";
import { type SkippedEntry, walkFiles } from "../files/walk.js";
import type { CheckWarning } from "../warnings.js";

/** Folders never walked, whatever the configuration says. */
const ALWAYS_SKIPPED = new Set([".git", "node_modules"]);

/** The outcome of {@link scanRepository}. */
export interface ScannedTree {
  /** Repository-relative paths (with `/`) of the source files to scan, sorted. */
  readonly sources: readonly string[];
  /** Repository-relative paths of the `package.json` files in the walked folders, sorted. */
  readonly manifests: readonly string[];
  /** What the scan skipped that it would otherwise have scanned or walked. */
  readonly skipped: readonly CheckWarning[];
  /**
   * Each `package.json` that leads to something other than a regular file (a
   * FIFO would block the resolvers of both engines): an input error.
   */
  readonly badManifests: readonly ConfigProblem[];
}

/** The sentence that ends every warning about a symbolic link. */
const NO_LINKS = "neither engine follows symbolic links; list it in scan.exclude to silence this";

/** Lists the scanned sources and the package manifests of the repository at `root`. */
export function scanRepository(root: string, include: readonly string[], exclude: readonly string[]): ScannedTree {
  const isIncluded = matcher(include);
  const isExcluded = matcher(exclude);
  const isScanned = (path: string): boolean => isIncluded(path) && !isExcluded(path);
  const sources: string[] = [];
  const manifests: string[] = [];
  const skipped: CheckWarning[] = [];
  const badManifests: ConfigProblem[] = [];
  const report = (path: string, entry: SkippedEntry): void => {
    if (path === "package.json" || path.endsWith("/package.json")) {
      const kind = entryKind(join(root, path));
      if (kind !== "file" && kind !== "missing") badManifests.push({ file: path, line: 0, column: 0, reason: `is ${kind}, not a file: both engines read every package.json` });
    }
    if (entry.kind === "symbolic-link") {
      const link = linkTarget(root, path);
      if (isScanned(path) || (link.folder && !isExcluded(`${path}/`))) {
        skipped.push({ file: path, message: `symbolic link to ${JSON.stringify(link.text)} not followed: ${link.leads}. ${NO_LINKS}` });
      }
    } else if (isScanned(path)) {
      const what = entry.kind === "special" ? entry.what : "a file whose name is not valid UTF-8";
      skipped.push({ file: path, message: `not read: ${what}, not a regular file that can be read` });
    }
  };
  walkFiles(root, "", {
    enter: (path, name) => !ALWAYS_SKIPPED.has(name) && !isExcluded(`${path}/`),
    accept: (path, name) => {
      if (isScanned(path)) sources.push(path);
      if (name === "package.json") manifests.push(path);
      return false;
    },
    skipped: report,
  });
  return { sources: sources.sort(), manifests: manifests.sort(), skipped, badManifests };
}
