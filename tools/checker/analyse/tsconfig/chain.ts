/**
 * Follows a tsconfig's `extends` and `references` without loading
 * TypeScript: every file of the chain goes into the cache key, and the
 * chain tells which tsconfig resolves specifiers. Both engines resolve with
 * that one tsconfig. A tsconfig of the chain that is not valid JSON (with
 * comments), is nested too deep, is too large or is not a regular file is a
 * configuration error at its line and column: it never falls back to the
 * defaults silently.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CheckerConfigError } from "../../errors.js";
import { isFile } from "../../files/exists.js";
import { readInputFile } from "../../files/read.js";
import { TSCONFIG_BYTES } from "../../limits.js";
import { readJsonc } from "./jsonc.js";
import { relativePosix } from "../../files/posix.js";

/** One file of a chain: its absolute path and its text (`undefined` when it does not exist). */
export interface ChainFile {
  readonly path: string;
  readonly text: string | undefined;
}

/** A project's tsconfig with everything it extends and references. */
export interface TsconfigChain {
  /** Every tsconfig read, in visiting order; a file that was looked for but does not exist has no text. */
  readonly files: readonly ChainFile[];
  /**
   * Absolute path of the tsconfig whose compiler options resolve specifiers:
   * the project's own, or, for a solution-style tsconfig (`"files": []` and
   * `references`), the first referenced project (depth first) that sets
   * `paths`, else the solution itself when it sets `paths`, else the first
   * referenced project. `undefined` when the project's tsconfig does not
   * exist.
   */
  readonly resolution: string | undefined;
  /** The `paths` patterns (keys) in effect for {@link resolution}, `extends` followed. */
  readonly pathPatterns: readonly string[];
}

interface TsconfigJson {
  readonly extends?: unknown;
  readonly references?: unknown;
  readonly files?: unknown;
  readonly include?: unknown;
  readonly compilerOptions?: { readonly paths?: unknown };
}

/** Where an `extends` entry of the tsconfig in `dir` leads (relative path or package), or `undefined`. */
export function extendedPath(dir: string, entry: string): string | undefined {
  const candidates = (base: string): string[] => [base, `${base}.json`, join(base, "tsconfig.json")];
  if (entry.startsWith(".") || entry.startsWith("/")) return candidates(resolve(dir, entry)).find(isFile);
  for (let at = dir; ; at = dirname(at)) {
    const found = candidates(join(at, "node_modules", entry)).find(isFile);
    if (found !== undefined) return found;
    if (dirname(at) === at) return undefined;
  }
}

/** Where a `references` entry of the tsconfig in `dir` leads: a tsconfig file, or a folder's `tsconfig.json`. */
function referencedPath(dir: string, entry: string): string {
  const path = resolve(dir, entry);
  return existsSync(path) && !isFile(path) ? join(path, "tsconfig.json") : path;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The line and column of an offset of a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/**
 * The JSON object of a tsconfig's text.
 * @throws {CheckerConfigError} when it is not one.
 */
function tsconfigJson(name: string, text: string): TsconfigJson {
  const read = readJsonc(text);
  if ("error" in read) throw new CheckerConfigError([{ file: name, ...lineColumn(text, read.offset), reason: `cannot read the tsconfig: ${read.error}` }]);
  if (!isObject(read.value)) throw new CheckerConfigError([{ file: name, line: 1, column: 1, reason: "cannot read the tsconfig: it must hold a JSON object" }]);
  const json = read.value as TsconfigJson;
  const options: unknown = json.compilerOptions;
  const paths = isObject(options) ? (options as { paths?: unknown }).paths : undefined;
  const validPaths = paths === undefined || (isObject(paths) && Object.values(paths).every((targets) => Array.isArray(targets) && targets.every((t) => typeof t === "string")));
  if ((options !== undefined && !isObject(options)) || !validPaths) {
    const key = options !== undefined && !isObject(options) ? "compilerOptions" : "paths";
    const at = text.indexOf(`"${key}"`);
    throw new CheckerConfigError([
      {
        file: name,
        ...lineColumn(text, Math.max(0, at)),
        reason: key === "paths" ? "compilerOptions.paths must map each pattern to a list of paths" : "compilerOptions must be an object",
      },
    ]);
  }
  return json;
}

/** True for a JSON object (not an array, not null). */
function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads the tsconfig at `path` and every file it extends or references.
 * @param root - the repository root, for the paths in messages.
 * @throws {CheckerConfigError} for a tsconfig of the chain that cannot be read (see the module's comment).
 */
export function readTsconfigChain(path: string, root = dirname(path)): TsconfigChain {
  const files: ChainFile[] = [];
  const parsed = new Map<string, TsconfigJson | undefined>();
  const read = (file: string): TsconfigJson | undefined => {
    if (parsed.has(file)) return parsed.get(file);
    const name = relativePosix(root, file);
    const text = readInputFile(name, file, TSCONFIG_BYTES, "the limit of a tsconfig");
    files.push({ path: file, text });
    const value = text === undefined ? undefined : tsconfigJson(name, text);
    parsed.set(file, value);
    for (const entry of strings(value?.extends)) {
      const target = extendedPath(dirname(file), entry);
      if (target === undefined) files.push({ path: join(dirname(file), `#extends:${entry}`), text: undefined });
      else read(target);
    }
    for (const reference of referencesOf(file, value)) read(reference);
    return value;
  };
  const referencesOf = (file: string, json: TsconfigJson | undefined): string[] =>
    (Array.isArray(json?.references) ? (json.references as unknown[]) : []).flatMap((ref) => {
      const entry = (ref as { path?: unknown } | null)?.path;
      return typeof entry === "string" ? [referencedPath(dirname(file), entry)] : [];
    });
  const pathsOf = (file: string, seen = new Set<string>()): string[] | undefined => {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const json = parsed.get(file);
    const own = json?.compilerOptions?.paths;
    if (typeof own === "object" && own !== null) return Object.keys(own);
    const extended = strings(json?.extends).map((entry) => extendedPath(dirname(file), entry));
    for (const target of extended.reverse()) {
      const found = target === undefined ? undefined : pathsOf(target, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const isSolution = (json: TsconfigJson | undefined): boolean =>
    Array.isArray(json?.files) && json.files.length === 0 && json.include === undefined && Array.isArray(json.references) && json.references.length > 0;
  /** The tsconfig that resolves specifiers for `file`, as {@link TsconfigChain.resolution} says. */
  const resolving = (file: string, seen: Set<string>): { file: string; hasPaths: boolean } | undefined => {
    if (seen.has(file) || parsed.get(file) === undefined) return undefined;
    seen.add(file);
    const json = parsed.get(file);
    if (!isSolution(json)) return { file, hasPaths: pathsOf(file) !== undefined };
    let first: { file: string; hasPaths: boolean } | undefined;
    for (const reference of referencesOf(file, json)) {
      const found = resolving(reference, seen);
      if (found?.hasPaths) return found;
      first ??= found;
    }
    // No referenced project sets paths, but the solution does (as some project templates tell users to write).
    if (pathsOf(file) !== undefined) return { file, hasPaths: true };
    return first ?? { file, hasPaths: false };
  };
  read(path);
  const resolution = resolving(path, new Set())?.file;
  return { files, resolution, pathPatterns: resolution === undefined ? [] : (pathsOf(resolution) ?? []) };
}
