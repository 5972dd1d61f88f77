/**
 * What `spine-check init` finds in a repository: the tsconfig that
 * resolves its specifiers (following `references`), its workspace packages
 * and package manager, the scan globs (the files the tsconfigs compile, see
 * `scan-globs.ts`), and how many files the scan then holds.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { scanRepository } from "../analyse/scan.js";
import { extendedPath, readTsconfigChain } from "../analyse/tsconfig/chain.js";
import { parseJsonc } from "../analyse/tsconfig/jsonc.js";
import { readWorkspaces, type WorkspacePackage } from "../analyse/workspaces/workspaces.js";
import { isFile } from "../files/exists.js";
import { tsconfigScan } from "./scan-globs.js";
import { relativePosix } from "../files/posix.js";

/** The scan globs `init` writes when the repository has no tsconfig. */
export const INIT_SCAN = {
  include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
  exclude: ["**/node_modules/**", "**/dist/**", "coverage/**", "**/*.d.ts"],
} as const;

/** What the scan always leaves out. */
const ALWAYS_EXCLUDED = ["**/node_modules/**", "**/*.d.ts"];

/** What `init` detected. */
export interface Detected {
  /** The tsconfig that resolves specifiers (repository-relative), and how it was chosen; absent when there is none. */
  readonly tsconfig?: { readonly path: string; readonly how: string };
  readonly packages: readonly WorkspacePackage[];
  /** The package manager, from the lockfile at the root. */
  readonly manager?: string;
  /** The tsconfigs whose files the scan holds (repository-relative), or none when there is no tsconfig. */
  readonly scanFrom: readonly string[];
  /** The scan globs. */
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
  return relativePosix(root, path);
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

/** Detects what `init` writes into `contracts/project.yaml`. */
export function detectRepository(root: string): Detected {
  const workspaces = readWorkspaces(root);
  const packages = workspaces.packages;
  const tsconfig = detectTsconfig(root, packages);
  const manager = LOCKFILES.find(([file]) => existsSync(join(root, file)))?.[1];
  const top = join(root, "tsconfig.json");
  const owners = isFile(top)
    ? [top]
    : packages.map((p) => join(root, p.folder, "tsconfig.json")).filter(isFile);
  const fromTsconfigs = owners.length === 0 && tsconfig !== undefined ? [join(root, tsconfig.path)] : owners;
  const derived = fromTsconfigs.length === 0 ? undefined : tsconfigScan(root, fromTsconfigs);
  const scan =
    derived === undefined || derived.include.length === 0
      ? { include: [...INIT_SCAN.include], exclude: [...INIT_SCAN.exclude] }
      : { include: derived.include, exclude: [...ALWAYS_EXCLUDED, ...derived.exclude.filter((glob) => !ALWAYS_EXCLUDED.includes(glob))] };
  const sources = scanRepository(root, scan.include, scan.exclude).sources.length;
  return {
    ...(tsconfig === undefined ? {} : { tsconfig }),
    packages,
    ...(manager === undefined ? {} : { manager }),
    scanFrom: derived === undefined ? [] : fromTsconfigs.map((path) => rel(root, path)),
    scan,
    sources,
  };
}
