/**
 * Compares generated pages with the files on disk, and writes them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { removeRepositoryFile, walkFiles, writeRepositoryFile } from "../checker/index.js";
import { shortDiff } from "./diff.js";
import { GENERATED_MARKER } from "./markdown.js";

/** One way the committed docs differ from the generated ones. */
export interface DocsDrift {
  /** `stale`: the page differs; `missing`: it is not on disk; `orphan`: a generated page no contract produces any more. */
  readonly kind: "stale" | "missing" | "orphan";
  /** Repository-relative path. */
  readonly path: string;
  /** For `stale`: a short diff, committed (`-`) against generated (`+`). */
  readonly diff: string;
}

/** Generated pages under `docs/` (files whose first line is the generated marker), repository-relative. */
export function findGeneratedPages(root: string): string[] {
  return walkFiles(root, "docs", { accept: (path, name) => name.endsWith(".md") && readFileSync(join(root, path), "utf8").startsWith(GENERATED_MARKER) });
}

/**
 * Lists every difference between the generated pages and the repository's files.
 * @param root - the repository root.
 * @param pages - generated pages by repository-relative path.
 */
export function compareDocs(root: string, pages: ReadonlyMap<string, string>): DocsDrift[] {
  const drift: DocsDrift[] = [];
  for (const [path, content] of pages) {
    const abs = join(root, path);
    if (!existsSync(abs)) {
      drift.push({ kind: "missing", path, diff: "" });
      continue;
    }
    const committed = readFileSync(abs, "utf8");
    if (committed !== content) drift.push({ kind: "stale", path, diff: shortDiff(committed, content) });
  }
  for (const path of findGeneratedPages(root)) {
    if (!pages.has(path)) drift.push({ kind: "orphan", path, diff: "" });
  }
  return drift.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Writes the pages, and deletes generated pages that no contract produces any
 * more. Hand-written files (without the generated marker) are never touched.
 * @returns the paths written or deleted, each with what happened.
 */
export function writeDocs(root: string, pages: ReadonlyMap<string, string>): { readonly path: string; readonly action: "written" | "deleted" }[] {
  const changes: { path: string; action: "written" | "deleted" }[] = [];
  for (const drift of compareDocs(root, pages)) {
    if (drift.kind === "orphan") {
      removeRepositoryFile(root, drift.path);
      changes.push({ path: drift.path, action: "deleted" });
    } else {
      writeRepositoryFile(root, drift.path, pages.get(drift.path) as string);
      changes.push({ path: drift.path, action: "written" });
    }
  }
  return changes;
}
