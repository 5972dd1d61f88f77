/**
 * Finds the workspace packages of a repository: the folders that the root
 * `package.json`'s `workspaces` (npm, Yarn), `pnpm-workspace.yaml`'s
 * `packages` or `lerna.json`'s `packages` name (globs, `!` to leave some
 * out) and that hold a `package.json`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { matcher } from "../../contracts/glob.js";
import { isFile } from "../../files/exists.js";
import { parseJsonc } from "../tsconfig/jsonc.js";

/** Where the workspace globs are declared, by package manager. */
export const WORKSPACE_FILES: readonly string[] = ["package.json", "pnpm-workspace.yaml", "lerna.json"];

/** Folders never searched for packages. */
const SKIPPED = new Set(["node_modules", ".git"]);

/** The workspace globs the repository declares (first file that declares any wins), and the files read. */
function workspaceGlobs(root: string, read: (file: string) => void): string[] {
  const text = (name: string): string | undefined => {
    const path = join(root, name);
    if (!isFile(path)) return undefined;
    read(path);
    return readFileSync(path, "utf8");
  };
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
  const manifest = parseJsonc(text("package.json") ?? "") as { workspaces?: unknown } | undefined;
  const workspaces = manifest?.workspaces;
  const npm = Array.isArray(workspaces) ? strings(workspaces) : strings((workspaces as { packages?: unknown } | undefined)?.packages);
  if (npm.length > 0) return npm;
  const pnpmText = text("pnpm-workspace.yaml");
  let pnpm: string[] = [];
  try {
    pnpm = pnpmText === undefined ? [] : strings((parse(pnpmText) as { packages?: unknown } | null)?.packages);
  } catch {
    // A pnpm-workspace.yaml that does not parse declares no package here (pnpm itself reports it).
  }
  if (pnpm.length > 0) return pnpm;
  return strings((parseJsonc(text("lerna.json") ?? "") as { packages?: unknown } | undefined)?.packages);
}

/** A glob without `./` and trailing `/`. */
function normalise(glob: string): string {
  return glob.replace(/^\.\//, "").replace(/\/+$/, "");
}

/**
 * The repository-relative folders of the workspace packages, sorted.
 * @param read - called with every file read (for the cache key).
 */
export function workspaceFolders(root: string, read: (file: string) => void = () => undefined): string[] {
  const globs = workspaceGlobs(root, read);
  const included = globs.filter((glob) => !glob.startsWith("!")).map(normalise);
  if (included.length === 0) return [];
  const isIncluded = matcher(included);
  const isExcluded = matcher(globs.filter((glob) => glob.startsWith("!")).map((glob) => normalise(glob.slice(1))));
  const deep = included.some((glob) => glob.includes("**"));
  const depth = Math.max(...included.map((glob) => glob.split("/").length));
  const folders: string[] = [];
  const walk = (dir: string, level: number): void => {
    let entries;
    try {
      entries = readdirSync(dir === "" ? root : join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
      const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
      if (isIncluded(path) && !isExcluded(path) && isFile(join(root, path, "package.json"))) folders.push(path);
      if (deep || level + 1 < depth) walk(path, level + 1);
    }
  };
  walk("", 0);
  return folders.sort();
}
