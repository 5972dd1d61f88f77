/**
 * The workspace packages of a repository as module aliases to their
 * sources, so that both engines resolve `@org/core`, `@org/core/utils` and
 * a deep `@org/core/src/internal/x` to files of the repository even when
 * the packages are not built (their `main`, `types` and `exports` point at
 * `dist/` or `lib/`) and not installed (no link in `node_modules`). The
 * aliases have the shape of tsconfig `paths` (one `*` at most, absolute
 * targets tried in order): the ts-morph engine adds them to the compiler
 * options' `paths`, dependency-cruiser gets them as enhanced-resolve
 * aliases. Computed once per run, from the repository's files alone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isFile } from "../../files/exists.js";
import { readOutputDirs } from "../tsconfig/output-dirs.js";
import { parseJsonc } from "../tsconfig/jsonc.js";
import { workspaceFolders } from "./discover.js";
import { type PackageLayout, packageLayout, sourceFileOf, sourceFolderOf } from "./sources.js";
import { toPosix } from "../../files/posix.js";

/** One alias: a specifier pattern (at most one `*`) and the absolute paths it stands for, tried in order. */
export interface ModuleAlias {
  readonly pattern: string;
  readonly targets: readonly string[];
}

/** A workspace package. */
export interface WorkspacePackage {
  readonly name: string;
  /** Repository-relative folder. */
  readonly folder: string;
  /** Repository-relative path of the source file its bare name leads to, when one was found. */
  readonly entry?: string;
}

/** The workspace packages and the aliases that lead to their sources. */
export interface Workspaces {
  readonly packages: readonly WorkspacePackage[];
  /** The aliases, the longest prefix first (so that the first alias that matches is the one tsconfig `paths` would choose). */
  readonly aliases: readonly ModuleAlias[];
  /** Absolute paths of every file read to find them (manifests, tsconfigs), for the cache key. */
  readonly inputs: readonly string[];
}

/** No workspace. */
export const NO_WORKSPACES: Workspaces = { packages: [], aliases: [], inputs: [] };

/** The fields of a manifest that name files. */
interface Manifest {
  readonly name?: unknown;
  readonly source?: unknown;
  readonly types?: unknown;
  readonly typings?: unknown;
  readonly module?: unknown;
  readonly main?: unknown;
  readonly exports?: unknown;
}

/** Export conditions, in the order a source is looked for. */
const CONDITIONS = ["source", "types", "typings", "import", "module", "default", "require", "node", "development", "production", "browser"];

/** Every file path an `exports` target names, conditions in {@link CONDITIONS} order, then the others. */
function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const keys = [...CONDITIONS.filter((key) => key in record), ...Object.keys(record).filter((key) => !CONDITIONS.includes(key))];
  return keys.flatMap((key) => exportTargets(record[key]));
}

/** The `exports` map by subpath (`.`, `./utils`, `./*`), or `undefined` when the package has none. */
function exportsMap(exports: unknown): Map<string, unknown> | undefined {
  if (exports === undefined || exports === null) return undefined;
  if (typeof exports === "string" || Array.isArray(exports)) return new Map([[".", exports]]);
  if (typeof exports !== "object") return undefined;
  const entries = Object.entries(exports as Record<string, unknown>);
  if (entries.every(([key]) => !key.startsWith("."))) return new Map([[".", exports]]);
  return new Map(entries.filter(([key]) => key.startsWith(".")));
}

/** The first source file any of `paths` stands for. */
function firstSource(layout: PackageLayout, paths: readonly unknown[]): string | undefined {
  for (const path of paths) {
    if (typeof path !== "string") continue;
    const found = sourceFileOf(layout, path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The aliases of one package (and its entry). */
function packageAliases(name: string, layout: PackageLayout, manifest: Manifest): { aliases: ModuleAlias[]; entry?: string } {
  const aliases: ModuleAlias[] = [];
  const exports = exportsMap(manifest.exports);
  const rootTargets = [manifest.source, ...exportTargets(exports?.get(".")), manifest.types, manifest.typings, manifest.module, manifest.main, "index"];
  const entry = firstSource(layout, rootTargets);
  if (entry !== undefined) aliases.push({ pattern: name, targets: [entry] });
  for (const [subpath, target] of exports ?? []) {
    if (subpath === "." || subpath.includes("*") !== exportTargets(target).some((path) => path.includes("*"))) continue;
    if (!subpath.includes("*")) {
      const file = firstSource(layout, exportTargets(target));
      if (file !== undefined) aliases.push({ pattern: `${name}/${subpath.slice(2)}`, targets: [file] });
      continue;
    }
    const folder = exportTargets(target)
      .map((path) => sourceFolderOf(layout, path.slice(0, path.indexOf("*"))))
      .find((found) => found !== undefined);
    const suffix = subpath.slice(subpath.indexOf("*") + 1);
    if (folder !== undefined && suffix === "") aliases.push({ pattern: `${name}/${subpath.slice(2)}`, targets: [join(folder, "*")] });
  }
  for (const [built, source] of layout.compiled) {
    aliases.push({ pattern: `${name}/${built}/*`, targets: [join(layout.dir, source, "*"), join(layout.dir, built, "*")] });
  }
  aliases.push({ pattern: `${name}/*`, targets: [join(layout.dir, "*")] });
  return entry === undefined ? { aliases } : { aliases, entry };
}

/** The length of an alias's fixed prefix (an exact pattern counts as longer than any wildcard of the same prefix). */
function prefixWeight(pattern: string): number {
  const star = pattern.indexOf("*");
  return star < 0 ? pattern.length * 2 + 1 : star * 2;
}

/**
 * Reads the workspace packages of the repository at `root`.
 * @param taken - tsconfig `paths` patterns the project already sets: a package any of them names keeps the project's own mapping.
 */
export function readWorkspaces(root: string, taken: readonly string[] = []): Workspaces {
  const inputs = new Set<string>();
  const read = (file: string): void => {
    inputs.add(file);
  };
  const packages: WorkspacePackage[] = [];
  const aliases: ModuleAlias[] = [];
  for (const folder of workspaceFolders(root, read)) {
    const dir = join(root, folder);
    const manifestPath = join(dir, "package.json");
    read(manifestPath);
    const manifest = (parseJsonc(readFileSync(manifestPath, "utf8")) ?? {}) as Manifest;
    if (typeof manifest.name !== "string" || manifest.name === "") continue;
    const name = manifest.name;
    const tsconfig = join(dir, "tsconfig.json");
    const layout = packageLayout(dir, isFile(tsconfig) ? readOutputDirs(tsconfig, read) : {});
    const own = packageAliases(name, layout, manifest);
    const entry = own.entry === undefined ? {} : { entry: toPosix(own.entry.slice(root.length + 1)) };
    packages.push({ name, folder, ...entry });
    if (taken.some((pattern) => pattern === name || pattern.startsWith(`${name}/`))) continue;
    aliases.push(...own.aliases);
  }
  aliases.sort((a, b) => prefixWeight(b.pattern) - prefixWeight(a.pattern) || a.pattern.localeCompare(b.pattern));
  return { packages, aliases, inputs: [...inputs].sort() };
}
