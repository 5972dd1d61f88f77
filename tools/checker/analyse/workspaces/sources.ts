/**
 * Maps what a workspace package's manifest points at (`main`, `types`,
 * `exports`…, usually built files in `dist/` or `lib/` that a fresh clone
 * does not have) back to the package's source files:
 *
 * 1. the package's tsconfig (`extends` followed): a path under its `outDir`
 *    or `declarationDir` maps to the same path under its `rootDir`;
 * 2. else a path whose first folder is a usual output folder (`dist`, `lib`,
 *    `build`, `out`, `esm`, `cjs`, `types`) maps to the rest of the path,
 *    shortened from the left until it names a source file of the package,
 *    directly or under `src/` (`dist/types/common/src/index.d.ts` →
 *    `src/index.ts`, as tsc writes declarations of a package that reaches
 *    above its folder);
 * 3. a path that already names a source file stays.
 *
 * Built extensions map to source ones: `.js`/`.d.ts` → `.ts`, `.tsx`, `.js`…
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { isFile } from "../../files/exists.js";
import type { OutputDirs } from "../tsconfig/output-dirs.js";
import { relativePosix, toPosix } from "../../files/posix.js";

/** Folders that usually hold a package's build output. */
const OUTPUT_FOLDERS = new Set(["dist", "lib", "build", "out", "esm", "cjs", "types"]);

/** Extensions of source files, in the order a stem is tried. */
const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** A built file's extension (declarations included). */
const BUILT_EXTENSION = /(\.d)?\.[cm]?[jt]sx?$/;

/** The folder mappings of one package: built prefix → source prefix, both relative to the package folder ("" for the folder itself). */
export interface PackageLayout {
  /** Absolute path of the package folder. */
  readonly dir: string;
  /** Output folder → source folder, from the package's tsconfig. */
  readonly compiled: readonly (readonly [string, string])[];
}

/** The layout of a package from its tsconfig's compile folders. */
export function packageLayout(dir: string, dirs: OutputDirs): PackageLayout {
  const rel = (path: string): string => relativePosix(dir, path);
  const source = dirs.rootDir === undefined ? undefined : rel(dirs.rootDir);
  const compiled: (readonly [string, string])[] = [];
  for (const out of [dirs.outDir, dirs.declarationDir]) {
    if (out === undefined) continue;
    const built = rel(out);
    if (built !== "" && !built.startsWith("..")) compiled.push([built, source ?? (existsSync(join(dir, "src")) ? "src" : "")]);
  }
  return { dir, compiled };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The source file of a stem (a path without extension), as a file or a folder's index. */
function sourceOfStem(stem: string): string | undefined {
  for (const extension of SOURCE_EXTENSIONS) if (isFile(`${stem}${extension}`)) return `${stem}${extension}`;
  for (const extension of SOURCE_EXTENSIONS) if (isFile(join(stem, `index${extension}`))) return join(stem, `index${extension}`);
  return undefined;
}

/** A relative path without `./` and with `/` separators. */
function clean(path: string): string {
  return toPosix(path.replace(/^\.\//, ""));
}

/**
 * The candidates a built path (relative to the package, without extension
 * for a file) stands for: the tsconfig's mapping, else the path after a
 * usual output folder shortened from the left, each directly and under `src/`.
 */
function candidates(layout: PackageLayout, path: string): string[] {
  for (const [built, source] of layout.compiled) {
    if (path === built || path.startsWith(`${built}/`)) return [join(source, path.slice(built.length))];
  }
  const segments = path.split("/");
  if (!OUTPUT_FOLDERS.has(segments[0] ?? "")) return [];
  const rest = segments.slice(1);
  const out: string[] = [];
  for (let start = 0; start < rest.length; start++) {
    const suffix = rest.slice(start).join("/");
    out.push(suffix, join("src", suffix));
  }
  return out;
}

/**
 * The source file a file path of the manifest stands for (absolute), or
 * `undefined` when none exists.
 * @param path - as the manifest writes it, relative to the package folder.
 */
export function sourceFileOf(layout: PackageLayout, path: string): string | undefined {
  const relativePath = clean(path);
  const stem = relativePath.replace(BUILT_EXTENSION, "");
  for (const candidate of candidates(layout, stem)) {
    const found = sourceOfStem(join(layout.dir, candidate));
    if (found !== undefined) return found;
  }
  const direct = join(layout.dir, relativePath);
  if (isFile(direct) && !/\.d\.[cm]?ts$/.test(direct) && SOURCE_EXTENSIONS.some((extension) => direct.endsWith(extension))) return direct;
  return sourceOfStem(join(layout.dir, stem));
}

/**
 * The source folder a folder path of the manifest stands for (absolute,
 * for an `exports` pattern such as `./dist/*`), or `undefined`.
 */
export function sourceFolderOf(layout: PackageLayout, path: string): string | undefined {
  const relativePath = clean(path).replace(/\/+$/, "");
  for (const candidate of candidates(layout, relativePath)) {
    if (isDirectory(join(layout.dir, candidate))) return join(layout.dir, candidate);
  }
  return isDirectory(join(layout.dir, relativePath)) ? join(layout.dir, relativePath) : undefined;
}
