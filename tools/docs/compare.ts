/**
 * Compares generated pages with the files on disk, and writes them.
 */
import { join } from "node:path";
import { CheckerError, readRegularFile, removeRepositoryFile, repositoryEntry, walkFiles, writeRepositoryFile } from "../checker/index.js";
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

/** The largest committed page read. */
const PAGE_BYTES = 64 * 1024 * 1024;

/** Generated pages under `docs/` (files whose first line is the generated marker), repository-relative. */
export function findGeneratedPages(root: string): string[] {
  return walkFiles(root, "docs", {
    accept: (path, name) => {
      if (!name.endsWith(".md")) return false;
      const read = readRegularFile(join(root, path), PAGE_BYTES, "the largest page");
      return read.kind === "text" && read.text.startsWith(GENERATED_MARKER);
    },
  });
}

/**
 * The committed text of a page, or `undefined` when there is none; read
 * through no symbolic link (a link planted at a page's path would print
 * what it points to in the diff).
 * @throws {CheckerError} when something other than a regular file is at its path.
 */
function readPage(root: string, path: string): string | undefined {
  const entry = repositoryEntry(root, path);
  if (entry === "missing") return undefined;
  const read = entry === "file" ? readRegularFile(join(root, path), PAGE_BYTES, "the largest page") : { kind: "skipped" as const, why: entry };
  if (read.kind === "text") return read.text;
  if (read.kind === "missing") return undefined;
  throw new CheckerError(`${path}: cannot be read: ${read.why}`);
}

/**
 * Lists every difference between the generated pages and the repository's files.
 * @param root - the repository root.
 * @param pages - generated pages by repository-relative path.
 */
export function compareDocs(root: string, pages: ReadonlyMap<string, string>): DocsDrift[] {
  const drift: DocsDrift[] = [];
  for (const [path, content] of pages) {
    const committed = readPage(root, path);
    if (committed === undefined) {
      drift.push({ kind: "missing", path, diff: "" });
      continue;
    }
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
