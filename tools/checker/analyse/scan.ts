/**
 * Finds the files a run scans: every file under the root matching the
 * project's `scan.include` globs and none of its `scan.exclude` globs, and
 * the package manifests beside them. Excluded folders are pruned, so
 * `node_modules` is never walked.
 */
import { matcher } from "../contracts/glob.js";
import { walkFiles } from "../files/walk.js";

/** Folders never walked, whatever the configuration says. */
const ALWAYS_SKIPPED = new Set([".git", "node_modules"]);

/** The outcome of {@link scanRepository}. */
export interface ScannedTree {
  /** Repository-relative paths (with `/`) of the source files to scan, sorted. */
  readonly sources: readonly string[];
  /** Repository-relative paths of the `package.json` files in the walked folders, sorted. */
  readonly manifests: readonly string[];
}

/** Lists the scanned sources and the package manifests of the repository at `root`. */
export function scanRepository(root: string, include: readonly string[], exclude: readonly string[]): ScannedTree {
  const isIncluded = matcher(include);
  const isExcluded = matcher(exclude);
  const sources: string[] = [];
  const manifests: string[] = [];
  walkFiles(root, "", {
    enter: (path, name) => !ALWAYS_SKIPPED.has(name) && !isExcluded(`${path}/`),
    accept: (path, name) => {
      if (isIncluded(path) && !isExcluded(path)) sources.push(path);
      if (name === "package.json") manifests.push(path);
      return false;
    },
  });
  return { sources: sources.sort(), manifests: manifests.sort() };
}
