/**
 * The one recursive directory walker of the checker and the docs generator:
 * scanned sources, contract files, generated pages and the checker's own
 * sources are all listed through it. Symbolic links are not followed.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** What {@link walkFiles} descends into and lists. */
export interface WalkOptions {
  /**
   * Whether to descend into a folder, given its path relative to the base
   * (with `/`) and its name. Default: every folder.
   */
  readonly enter?: (path: string, name: string) => boolean;
  /** Whether to list a file, given its relative path and its name. Default: every file. */
  readonly accept?: (path: string, name: string) => boolean;
}

/**
 * Lists the files under the folder `dir` of `base`, sorted, as paths relative
 * to `base` with `/` separators. A missing folder lists nothing.
 * @param base - absolute path the returned paths are relative to.
 * @param dir - the folder to walk, relative to `base` ("" for `base` itself).
 */
export function walkFiles(base: string, dir: string, options: WalkOptions = {}): string[] {
  const found: string[] = [];
  const walk = (relDir: string): void => {
    let entries;
    try {
      entries = readdirSync(relDir === "" ? base : join(base, relDir), { withFileTypes: true });
    } catch (error) {
      if (relDir === dir && (error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (options.enter === undefined || options.enter(rel, entry.name)) walk(rel);
      } else if (entry.isFile() && (options.accept === undefined || options.accept(rel, entry.name))) {
        found.push(rel);
      }
    }
  };
  walk(dir);
  return found.sort();
}
