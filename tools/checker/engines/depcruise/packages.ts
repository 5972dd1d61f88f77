/**
 * Regular expressions over what dependency-cruiser reports as a
 * dependency's target, for globs that name packages' modules (`jotai`,
 * `react-dom/server`, `@scope/*`, `node:*`). A package appears in three
 * forms there: installed (`node_modules/jotai/index.js`, or its `@types`
 * package), a Node.js built-in (`fs`, `node:fs`, with dependency type
 * `core`), or not installed (the specifier as written, with
 * `couldNotResolve`). A glob names a module as written; dependency-cruiser
 * matches resolved paths, so these expressions match every dependency on a
 * package that some module of the glob belongs to (a superset), and the
 * findings are judged again on the module as written (`violations.ts`,
 * with the ts-morph engine's judge).
 */
import { builtinModules } from "node:module";
import { globToRegExpSource, matcher } from "../../contracts/glob.js";

/** What a folder of installed packages looks like in a resolved path. */
export const NODE_MODULES = "(^|/)node_modules/";

/** The part of a module glob that names the package: its first segment, two for a scope (`@scope/name`); all of it from a `**` on. */
function packagePart(glob: string): string {
  const segments = glob.split("/");
  const count = glob.startsWith("@") ? 2 : 1;
  const part = segments.slice(0, count);
  return part.some((segment) => segment.includes("**")) || segments.length > count && segments[count - 1]?.includes("**") ? glob : part.join("/");
}

/** The unanchored body of the regular expression of a glob's package part. */
function body(glob: string): string {
  return globToRegExpSource(packagePart(glob)).slice(1, -1);
}

/** Matches an installed package (or its `@types` package) that some module of a glob belongs to. */
export function installedPackagePattern(glob: string): string {
  return `${NODE_MODULES}(?:@types/)?(?:${body(glob)})(?:/|$)`;
}

/** Matches a specifier of a package that is not installed, that some module of a glob belongs to. */
export function uninstalledPackagePattern(glob: string): string {
  return `^(?:${body(glob)})(?:/|$)`;
}

/** Matches a built-in module (`fs`, `node:fs/promises`) that some module of a glob of `globs` belongs to, or `undefined` when there is none. */
export function builtinPattern(globs: readonly string[]): string | undefined {
  const matches = matcher(globs.map(packagePart));
  const names = [...new Set(builtinModules.map((name) => name.split("/")[0] as string))].filter((name) => matches(`node:${name}`));
  if (names.length === 0) return undefined;
  return `^(?:node:)?(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(?:/|$)`;
}

/** True when a dependency-cruiser target is a package (installed or built-in), not a file of the repository. */
export function isPackageTarget(resolved: string, core: boolean): boolean {
  return core || new RegExp(NODE_MODULES).test(resolved);
}
