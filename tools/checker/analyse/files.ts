/**
 * Finds the source files to scan: every file under the root matching the
 * project's `scan.include` globs and none of its `scan.exclude` globs.
 * Excluded folders are pruned, so `node_modules` is never walked.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { matcher } from "../contracts/glob.js";

/** Folders never walked, whatever the configuration says. */
const ALWAYS_SKIPPED = new Set([".git", "node_modules"]);

/**
 * Lists the repository-relative paths (with `/`) of the files to scan,
 * sorted.
 */
export function listSourceFiles(root: string, include: readonly string[], exclude: readonly string[]): string[] {
  const isIncluded = matcher(include);
  const isExcluded = matcher(exclude);
  const found: string[] = [];
  const walk = (relDir: string): void => {
    const entries = readdirSync(relDir === "" ? root : join(root, relDir), { withFileTypes: true });
    for (const entry of entries) {
      const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(`${rel}/`)) continue;
        walk(rel);
      } else if (entry.isFile() && isIncluded(rel) && !isExcluded(rel)) {
        found.push(rel);
      }
    }
  };
  walk("");
  return found.sort();
}
