/**
 * What a production install of a package brings into an application: the
 * packages in `node_modules` and the bytes of their files, before and after
 * `npm install --omit=dev <tarball>` into a project that already has knex
 * (the runtime's peer dependency, which an application brings anyway).
 */
import { execFile } from "node:child_process";
import { lstat, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The packages in a project's `node_modules` and the size of their files. */
export interface Footprint {
  /** `name@version` of every installed package, sorted. */
  readonly packages: readonly string[];
  /** Sum of the sizes of the files under `node_modules`, in bytes. */
  readonly bytes: number;
}

/** A project's footprint before and after installing the tarball. */
export interface InstallMeasurement {
  /** The project with knex alone. */
  readonly base: Footprint;
  /** The project after `npm install --omit=dev <tarball>`. */
  readonly installed: Footprint;
  /** Packages the tarball added (`name@version`, sorted). */
  readonly added: readonly string[];
}

/** Packages only the tooling needs: a runtime install that brings one is a regression. */
export const TOOLING_PACKAGES: readonly string[] = ["typescript", "ts-morph", "@ts-morph/common", "dependency-cruiser", "ajv", "yaml"];

const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

async function fileBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await fileBytes(path);
    else if (entry.isFile()) total += (await lstat(path)).size;
  }
  return total;
}

/** The footprint of `project`'s `node_modules`, read from npm's hidden lockfile. */
export async function footprint(project: string): Promise<Footprint> {
  const lock = JSON.parse(await readFile(join(project, "node_modules/.package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string; link?: boolean }>;
  };
  const packages = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== "" && entry.link !== true)
    .map(([path, entry]) => `${path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version ?? "?"}`)
    .sort();
  return { packages, bytes: await fileBytes(join(project, "node_modules")) };
}

/**
 * Creates an npm project in the empty folder `project`, installs knex
 * (`knexSpec`), then the tarball with `--omit=dev`, and measures both.
 * @param tarball - the packed package (absolute path).
 * @param project - an empty folder.
 */
export async function measureProductionInstall(tarball: string, project: string, knexSpec = "knex@^3"): Promise<InstallMeasurement> {
  await writeFile(join(project, "package.json"), `${JSON.stringify({ name: "install-size-probe", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  await exec("npm", ["install", ...NPM_FLAGS, knexSpec], { cwd: project, timeout: 300_000 });
  const base = await footprint(project);
  await exec("npm", ["install", "--omit=dev", ...NPM_FLAGS, tarball], { cwd: project, timeout: 300_000 });
  const installed = await footprint(project);
  const before = new Set(base.packages);
  return { base, installed, added: installed.packages.filter((name) => !before.has(name)) };
}

/** Bytes in MB (10^6 bytes), one decimal. */
export function megabytes(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}
