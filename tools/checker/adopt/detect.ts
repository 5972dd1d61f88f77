/**
 * What `spine-check init` finds in a repository: the tsconfig that
 * resolves its specifiers (following `references`), its workspace packages
 * and package manager, the build output folders to leave out of the scan,
 * and how many files the scan then holds.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { scanRepository } from "../analyse/scan.js";
import { extendedPath, readTsconfigChain } from "../analyse/tsconfig/chain.js";
import { parseJsonc } from "../analyse/tsconfig/jsonc.js";
import { readOutputDirs } from "../analyse/tsconfig/output-dirs.js";
import { readWorkspaces, type WorkspacePackage } from "../analyse/workspaces/workspaces.js";
import { isFile } from "../files/exists.js";

/** The scan globs `init` writes before adding the output folders it finds. */
export const INIT_SCAN = {
  include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
  exclude: ["**/node_modules/**", "**/dist/**", "coverage/**", "**/*.d.ts"],
} as const;

/** What `init` detected. */
export interface Detected {
  /** The tsconfig that resolves specifiers (repository-relative), and how it was chosen; absent when there is none. */
  readonly tsconfig?: { readonly path: string; readonly how: string };
  readonly packages: readonly WorkspacePackage[];
  /** The package manager, from the lockfile at the root. */
  readonly manager?: string;
  /** Build output folders to leave out of the scan (globs), from the tsconfigs' `outDir`. */
  readonly outputs: readonly string[];
  /** The scan globs with the outputs added. */
  readonly scan: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  /** How many files the scan holds. */
  readonly sources: number;
}

const LOCKFILES: readonly (readonly [string, string])[] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "Yarn"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
  ["bun.lock", "Bun"],
  ["bun.lockb", "Bun"],
];

function rel(root: string, path: string): string {
  return relative(root, path).split("\\").join("/");
}

/** The tsconfig of a repository, and a sentence on how it was found. */
function detectTsconfig(root: string, packages: readonly WorkspacePackage[]): Detected["tsconfig"] {
  const top = join(root, "tsconfig.json");
  if (isFile(top)) {
    const chain = readTsconfigChain(top);
    const references = chain.files.filter((file) => file.path !== top && file.text !== undefined).length;
    const resolving = chain.resolution === undefined || chain.resolution === top ? "" : `; specifiers resolve with ${rel(root, chain.resolution)}`;
    const paths = chain.pathPatterns.length === 0 ? "no paths aliases" : `${chain.pathPatterns.length} paths aliases`;
    return { path: "tsconfig.json", how: `at the root, ${references} extended or referenced tsconfigs followed, ${paths}${resolving}` };
  }
  const bases = new Map<string, number>();
  for (const { folder } of packages) {
    const own = join(root, folder, "tsconfig.json");
    if (!isFile(own)) continue;
    const json = parseJsonc(readFileSync(own, "utf8")) as { extends?: unknown } | undefined;
    const entry = typeof json?.extends === "string" ? json.extends : undefined;
    const base = entry === undefined ? undefined : extendedPath(dirname(own), entry);
    if (base !== undefined && !rel(root, base).startsWith("..")) bases.set(base, (bases.get(base) ?? 0) + 1);
  }
  const common = [...bases].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (common !== undefined) {
    return { path: rel(root, common[0]), how: `no tsconfig.json at the root; ${common[1]} workspace packages' tsconfigs extend it` };
  }
  if (isFile(join(root, "tsconfig.base.json"))) return { path: "tsconfig.base.json", how: "no tsconfig.json at the root" };
  return undefined;
}

/** The build output folders of the root and the workspace packages, as globs (one per parent folder when all its packages share one). */
function detectOutputs(root: string, packages: readonly WorkspacePackage[]): string[] {
  const outputs = new Map<string, string | undefined>();
  for (const folder of ["", ...packages.map((p) => p.folder)]) {
    const tsconfig = join(root, folder, "tsconfig.json");
    if (!isFile(tsconfig)) {
      outputs.set(folder, undefined);
      continue;
    }
    const dirs = readOutputDirs(tsconfig);
    const out = dirs.outDir ?? dirs.declarationDir;
    const inside = out === undefined ? undefined : rel(join(root, folder), out);
    outputs.set(folder, inside === undefined || inside === "" || inside.startsWith("..") || inside === "dist" ? undefined : inside);
  }
  const globs = new Set<string>();
  const byParent = new Map<string, string[]>();
  for (const folder of outputs.keys()) {
    if (folder === "") continue;
    const parent = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : "";
    byParent.set(parent, [...(byParent.get(parent) ?? []), folder]);
  }
  for (const [folder, out] of outputs) {
    if (out === undefined) continue;
    const parent = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : "";
    const siblings = byParent.get(parent) ?? [];
    const shared = folder !== "" && siblings.length > 1 && siblings.every((sibling) => outputs.get(sibling) === out);
    globs.add(shared ? `${parent === "" ? "" : `${parent}/`}*/${out}/**` : `${folder === "" ? "" : `${folder}/`}${out}/**`);
  }
  return [...globs].sort();
}

/** Detects what `init` writes into `contracts/project.yaml`. */
export function detectRepository(root: string): Detected {
  const workspaces = readWorkspaces(root);
  const packages = workspaces.packages;
  const tsconfig = detectTsconfig(root, packages);
  const manager = LOCKFILES.find(([file]) => existsSync(join(root, file)))?.[1];
  const outputs = detectOutputs(root, packages);
  const scan = { include: [...INIT_SCAN.include], exclude: [...INIT_SCAN.exclude, ...outputs] };
  const sources = scanRepository(root, scan.include, scan.exclude).sources.length;
  return { ...(tsconfig === undefined ? {} : { tsconfig }), packages, ...(manager === undefined ? {} : { manager }), outputs, scan, sources };
}
