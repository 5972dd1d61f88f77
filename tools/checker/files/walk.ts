/**
 * The one recursive directory walker of the checker and the docs generator:
 * scanned sources, contract files, generated pages and the checker's own
 * sources are all listed through it. It follows no symbolic link (so no
 * loop, and nothing outside the tree), lists regular files only, and tells
 * its caller about every entry it skipped, so that a skip can be reported.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describeEntry } from "./read.js";

/** An entry the walker did not list or enter. */
export type SkippedEntry =
  /** A symbolic link (to a file, a folder, or nothing). */
  | { readonly kind: "symbolic-link" }
  /** A FIFO, a socket or a device: `what` says which. */
  | { readonly kind: "special"; readonly what: string }
  /** A name that is not valid UTF-8: it cannot be opened by the name the system lists. */
  | { readonly kind: "undecodable-name" };

/** What {@link walkFiles} descends into and lists. */
export interface WalkOptions {
  /**
   * Whether to descend into a folder, given its path relative to the base
   * (with `/`) and its name. Default: every folder.
   */
  readonly enter?: (path: string, name: string) => boolean;
  /** Whether to list a file, given its relative path and its name. Default: every file. */
  readonly accept?: (path: string, name: string) => boolean;
  /** Told about every entry of an entered folder that is neither a regular file nor a folder, or whose name is not UTF-8. */
  readonly skipped?: (path: string, entry: SkippedEntry) => void;
}

/**
 * Lists the regular files under the folder `dir` of `base`, sorted, as paths
 * relative to `base` with `/` separators. A missing folder lists nothing.
 * @param base - absolute path the returned paths are relative to.
 * @param dir - the folder to walk, relative to `base` ("" for `base` itself).
 * @throws the system's error when a folder cannot be listed (`dir` itself not being a folder included).
 */
export function walkFiles(base: string, dir: string, options: WalkOptions = {}): string[] {
  const found: string[] = [];
  const walk = (relDir: string): void => {
    const absDir = relDir === "" ? base : join(base, relDir);
    let entries;
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (error) {
      if (relDir === dir && (error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const rel = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      // A name that is not UTF-8 comes back with U+FFFD in it, and no file has that name.
      if (entry.name.includes("\uFFFD") && !existsSync(join(absDir, entry.name))) {
        options.skipped?.(rel, { kind: "undecodable-name" });
      } else if (entry.isDirectory()) {
        if (options.enter === undefined || options.enter(rel, entry.name)) walk(rel);
      } else if (entry.isFile()) {
        if (options.accept === undefined || options.accept(rel, entry.name)) found.push(rel);
      } else if (entry.isSymbolicLink()) {
        options.skipped?.(rel, { kind: "symbolic-link" });
      } else {
        options.skipped?.(rel, { kind: "special", what: describeEntry(entry) });
      }
    }
  };
  walk(dir);
  return found.sort();
}
