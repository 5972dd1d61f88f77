/**
 * Where the generated pages go: the index at `docs/README.md`, and the card of
 * a module at `docs/<source path>.md`.
 */
import { dirname, relative } from "node:path";

/** The path of the index page. */
export const INDEX_PATH = "docs/README.md";

/** Where the card of a module is written: `docs/<source path>.md`. */
export function cardPath(sourcePath: string): string {
  return `docs/${sourcePath.replace(/\.[cm]?[jt]sx?$/, "")}.md`;
}

/** A relative link from the generated page `from` to the page `to` (both repository-relative). */
export function linkBetween(from: string, to: string): string {
  return relative(dirname(from), to).split("\\").join("/");
}
