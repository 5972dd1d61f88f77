/**
 * Regular expressions over what dependency-cruiser reports as a
 * dependency's target, for globs that name packages (`jotai`, `@scope/*`,
 * `node:*`). A package appears in three forms there: installed
 * (`node_modules/jotai/index.js`, or its `@types` package), a Node.js
 * built-in (`fs`, `node:fs`, with dependency type `core`), or not installed
 * (the specifier as written, with `couldNotResolve`). The ts-morph engine
 * names all three by package name (`jotai`, `node:fs`), and a layer glob
 * matches that name; these expressions make dependency-cruiser match the
 * same dependencies.
 */
import { builtinModules } from "node:module";
import { globToRegExpSource, matcher } from "../../contracts/glob.js";

/** What a folder of installed packages looks like in a resolved path. */
export const NODE_MODULES = "(^|/)node_modules/";

/** True when a glob may match a package name (at most two segments, like `@scope/name`, or `**` anywhere). */
export function mayNamePackages(glob: string): boolean {
  return glob.split("/").length <= 2 || glob.includes("**");
}

/** The unanchored body of a glob's regular expression. */
function body(glob: string): string {
  return globToRegExpSource(glob).slice(1, -1);
}

/** Matches an installed package (or its `@types` package) whose name a glob matches. */
export function installedPackagePattern(glob: string): string {
  return `${NODE_MODULES}(?:@types/)?(?:${body(glob)})(?:/|$)`;
}

/** Matches a specifier of a package that is not installed, whose name a glob matches. */
export function uninstalledPackagePattern(glob: string): string {
  return `^(?:${body(glob)})(?:/|$)`;
}

/** The built-in modules whose `node:` name (`node:fs`) some glob matches. */
function builtinsMatching(globs: readonly string[]): string[] {
  const matches = matcher(globs);
  return [...new Set(builtinModules.map((name) => name.split("/")[0] as string))].filter((name) => matches(`node:${name}`));
}

/**
 * Matches a built-in module (`fs`, `node:fs/promises`) whose `node:` name a
 * glob of `globs` matches and no glob of `except` does, or `undefined` when
 * there is none.
 */
export function builtinPattern(globs: readonly string[], except: readonly string[]): string | undefined {
  const excepted = new Set(builtinsMatching(except));
  const names = builtinsMatching(globs).filter((name) => !excepted.has(name));
  if (names.length === 0) return undefined;
  return `^(?:node:)?(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(?:/.*)?$`;
}

/**
 * The package name a dependency-cruiser target stands for, as the ts-morph
 * engine names it: `node_modules/@types/react/index.d.ts` → `react`,
 * `fs/promises` (core) → `node:fs`; `undefined` for a file of the repository.
 */
export function packageNameOfTarget(resolved: string, core: boolean): string | undefined {
  if (core) return `node:${resolved.replace(/^node:/, "").split("/")[0] ?? resolved}`;
  const at = resolved.lastIndexOf("node_modules/");
  if (at < 0 || (at > 0 && resolved.charAt(at - 1) !== "/")) return undefined;
  const parts = resolved.slice(at + "node_modules/".length).replace(/^@types\//, "").split("/");
  return (parts[0]?.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}
