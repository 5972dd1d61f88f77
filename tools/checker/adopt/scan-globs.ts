/**
 * The scan globs `init` proposes: the files the repository's tsconfigs
 * compile (their `include` and `files`, less their `exclude` and output
 * folders), as globs of `contracts/project.yaml`. These are the files the
 * chosen tsconfigs resolve correctly; code compiled under other settings
 * (examples with a tsconfig of their own, loose scripts) stays out until
 * the scan is widened by hand. Globs of the workspace packages under one
 * folder are merged (`packages/*\/src/**`) when every package there has the same.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { isFile } from "../files/exists.js";
import { extendedPath } from "../analyse/tsconfig/chain.js";
import { parseJsonc } from "../analyse/tsconfig/jsonc.js";
import { readOutputDirs } from "../analyse/tsconfig/output-dirs.js";
import { relativePosix } from "../files/posix.js";

/** The source extensions a scan glob covers. */
export const SOURCE_GLOB_EXTENSIONS = "{ts,tsx,mts,cts,js,jsx,mjs,cjs}";

/** The file patterns of one tsconfig, `extends` followed, each relative to the repository root. */
interface ProjectFiles {
  /** The folder of the tsconfig, relative to the root ("" at the root). */
  readonly folder: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

interface TsconfigFields {
  readonly extends?: unknown;
  readonly files?: unknown;
  readonly include?: unknown;
  readonly exclude?: unknown;
  readonly references?: unknown;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
}

function readFields(path: string): TsconfigFields | undefined {
  if (!isFile(path)) return undefined;
  const json = parseJsonc(readFileSync(path, "utf8"));
  return typeof json === "object" && json !== null ? (json as TsconfigFields) : undefined;
}

/** A path relative to the root with `/`, or `undefined` outside the root. */
function inRoot(root: string, path: string): string | undefined {
  const rel = relativePosix(root, path);
  return rel.startsWith("..") ? undefined : rel;
}

/** A tsconfig `include` pattern (relative to `dir`) as a scan glob. */
function includeGlob(root: string, dir: string, pattern: string): string | undefined {
  const rel = inRoot(root, join(dir, pattern.replace(/^\.\//, "")));
  if (rel === undefined) return undefined;
  const last = rel.split("/").pop() ?? "";
  if (last.includes(".")) return rel;
  if (last.endsWith("*")) return `${rel}.${SOURCE_GLOB_EXTENSIONS}`;
  return rel === "" ? `**/*.${SOURCE_GLOB_EXTENSIONS}` : `${rel}/**/*.${SOURCE_GLOB_EXTENSIONS}`;
}

/** A tsconfig `exclude` pattern or output folder (relative to `dir`) as a scan glob. */
function excludeGlob(root: string, dir: string, pattern: string): string | undefined {
  const rel = inRoot(root, join(dir, pattern.replace(/^\.\//, "")));
  if (rel === undefined || rel === "") return undefined;
  const last = rel.split("/").pop() ?? "";
  return last.includes(".") || last.includes("*") ? rel : `${rel}/**`;
}

/** The file patterns of the tsconfig at `path`, or of the projects it references when it is a solution. */
function projectFiles(root: string, path: string, seen: Set<string>): ProjectFiles[] {
  if (seen.has(path)) return [];
  seen.add(path);
  const own = readFields(path);
  if (own === undefined) return [];
  let include: string[] | undefined;
  let files: string[] | undefined;
  let exclude: string[] | undefined;
  // include, files and exclude come from the nearest tsconfig of the extends chain that sets them, relative to it.
  for (let at: string | undefined = path, fields: TsconfigFields | undefined = own; at !== undefined && fields !== undefined; ) {
    const dir = dirname(at);
    include ??= strings(fields.include)?.map((p) => includeGlob(root, dir, p) ?? "").filter((g) => g !== "");
    files ??= strings(fields.files)?.map((p) => inRoot(root, join(dir, p)) ?? "").filter((g) => g !== "");
    exclude ??= strings(fields.exclude)?.map((p) => excludeGlob(root, dir, p) ?? "").filter((g) => g !== "");
    const parent: string | undefined = typeof fields.extends === "string" ? extendedPath(dir, fields.extends) : undefined;
    at = parent;
    fields = parent === undefined ? undefined : readFields(parent);
  }
  const references = (Array.isArray(own.references) ? (own.references as unknown[]) : []).flatMap((ref) => {
    const entry = (ref as { path?: unknown } | null)?.path;
    if (typeof entry !== "string") return [];
    const target = join(dirname(path), entry);
    return [isFile(target) ? target : join(target, "tsconfig.json")];
  });
  if (files !== undefined && files.length === 0 && include === undefined && references.length > 0) {
    return references.flatMap((reference) => projectFiles(root, reference, seen));
  }
  const dir = dirname(path);
  const outputs = readOutputDirs(path);
  const outputExcludes = [outputs.outDir, outputs.declarationDir].flatMap((out) => {
    const glob = out === undefined ? undefined : excludeGlob(root, dir, relative(dir, out));
    return glob === undefined ? [] : [glob];
  });
  const folder = inRoot(root, dir) ?? "";
  const defaultInclude = files === undefined ? [includeGlob(root, dir, "") as string] : [];
  return [{ folder, include: [...(files ?? []), ...(include ?? defaultInclude)], exclude: [...(exclude ?? []), ...outputExcludes] }];
}

/** The folders of a glob before its first wildcard (`packages/core/src` for `packages/core/src/**\/*.ts`). */
function staticPrefix(glob: string): string {
  const segments = glob.split("/");
  const fixed = segments.findIndex((segment) => /[*?{]/.test(segment));
  return segments.slice(0, fixed < 0 ? segments.length - 1 : fixed).join("/");
}

/** True when an exclude glob can match a file some include glob matches (their fixed folders nest). */
function overlaps(exclude: string, includes: readonly string[]): boolean {
  const base = staticPrefix(exclude);
  return includes.some((include) => {
    const prefix = staticPrefix(include);
    return prefix === "" || base === "" || base === prefix || base.startsWith(`${prefix}/`) || prefix.startsWith(`${base}/`);
  });
}

/**
 * Globs of several folders, merged: `parent/a/S` and `parent/b/S` become
 * `parent/*\/S` when every other folder of `parent` (in the map) has `S`
 * too, or has no first folder of `S` on disk (so the merged glob adds no file).
 */
function merge(root: string, globsByFolder: ReadonlyMap<string, readonly string[]>): string[] {
  const children = new Map<string, string[]>();
  const childrenOf = (parent: string): string[] => {
    let list = children.get(parent);
    if (list === undefined) {
      try {
        list = readdirSync(join(root, parent), { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."))
          .map((entry) => `${parent}/${entry.name}`);
      } catch {
        list = [];
      }
      children.set(parent, list);
    }
    return list;
  };
  const out = new Set<string>();
  for (const [folder, globs] of globsByFolder) {
    const parent = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : undefined;
    for (const glob of globs) {
      const suffix = folder !== "" && glob.startsWith(`${folder}/`) ? glob.slice(folder.length + 1) : undefined;
      const first = suffix?.split("/")[0] ?? "";
      const harmless = (sibling: string): boolean =>
        (globsByFolder.get(sibling) ?? []).includes(`${sibling}/${suffix}`) || (!/[*?{]/.test(first) && !existsSync(join(root, sibling, first)));
      const siblings = parent === undefined ? [] : childrenOf(parent);
      const shared = suffix !== undefined && siblings.length > 1 && siblings.every(harmless);
      out.add(shared ? `${parent}/*/${suffix}` : glob);
    }
  }
  return [...out].sort();
}

/**
 * The scan globs of the files the given tsconfigs compile (absolute paths;
 * solution-style ones stand for their references).
 */
export function tsconfigScan(root: string, tsconfigs: readonly string[]): { include: string[]; exclude: string[] } {
  const seen = new Set<string>();
  const projects = tsconfigs.flatMap((path) => projectFiles(root, path, seen));
  const includes = new Map<string, string[]>();
  const excludes = new Map<string, string[]>();
  for (const project of projects) {
    includes.set(project.folder, [...(includes.get(project.folder) ?? []), ...project.include]);
    const relevant = project.exclude.filter((glob) => overlaps(glob, project.include));
    if (relevant.length > 0) excludes.set(project.folder, [...(excludes.get(project.folder) ?? []), ...relevant]);
  }
  return { include: merge(root, includes), exclude: merge(root, excludes) };
}
