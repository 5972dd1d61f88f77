/**
 * The inputs besides the sources that decide how specifiers resolve and
 * what the type checker sees, hashed into the keys of every cached
 * resolution and analysis: `contracts/project.yaml`, every tsconfig of the
 * chain, every lockfile, the package managers' records of the last install
 * in `node_modules`, every package manifest of the scanned tree (workspace
 * packages included), `pnpm-workspace.yaml`, the files the workspace
 * aliases were read from (workspace manifests and tsconfigs), and the links
 * in `node_modules` (workspace packages are linked there).
 */
import { readdirSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { hashOf } from "../cache/hash.js";
import { readRegularBytes } from "../files/read.js";
import type { TsconfigChain } from "./tsconfig/chain.js";

/** The lockfiles of npm, Yarn, pnpm and Bun, at the repository root. */
export const LOCKFILES: readonly string[] = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb"];

/**
 * What npm, Yarn and pnpm write into `node_modules` on every install: an
 * install changes them even without a lockfile at the root.
 */
export const INSTALL_RECORDS: readonly string[] = [
  "node_modules/.package-lock.json",
  "node_modules/.yarn-state.yml",
  "node_modules/.yarn-integrity",
  "node_modules/.modules.yaml",
];

/** pnpm's list of workspace packages. */
export const PNPM_WORKSPACE = "pnpm-workspace.yaml";

/** The largest lockfile or manifest hashed whole; a larger one is hashed by its size (a FIFO, a folder: by what it is). */
const MAX_HASHED_BYTES = 256 * 1024 * 1024;

function bytesOrMissing(path: string): Uint8Array | string {
  const read = readRegularBytes(path, MAX_HASHED_BYTES, "the limit of a hashed file");
  if (read.kind === "bytes") return read.content;
  return read.kind === "missing" ? "\u0000missing" : `\u0000${read.why}`;
}

/** The links in `node_modules` (and its `@scope` folders), as `name -> target` lines. */
export function nodeModulesLinks(root: string): string {
  const lines: string[] = [];
  const list = (dir: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) lines.push(`${prefix}${entry.name} -> ${readlinkSync(path)}`);
      else if (entry.isDirectory() && prefix === "" && entry.name.startsWith("@")) list(path, `${entry.name}/`);
    }
  };
  list(join(root, "node_modules"), "");
  return lines.sort().join("\n");
}

/** What {@link resolutionInputsHash} hashes besides the lockfiles and links. */
export interface ResolutionInputs {
  /** The text of `contracts/project.yaml` ("" when absent). */
  readonly projectText: string;
  readonly tsconfig: TsconfigChain;
  /** Repository-relative paths of the package manifests (`package.json`) of the scanned tree. */
  readonly manifests: readonly string[];
  /** Absolute paths of other files resolution was read from (the workspace packages' manifests and tsconfigs). */
  readonly others?: readonly string[];
}

/** The hash of every input besides the sources that decides how specifiers resolve. */
export function resolutionInputsHash(root: string, inputs: ResolutionInputs): string {
  const parts: (string | Uint8Array)[] = [inputs.projectText];
  for (const file of inputs.tsconfig.files) parts.push(relative(root, file.path), file.text ?? "\u0000missing");
  for (const name of [...LOCKFILES, ...INSTALL_RECORDS, PNPM_WORKSPACE]) parts.push(name, bytesOrMissing(join(root, name)));
  for (const manifest of inputs.manifests) parts.push(manifest, bytesOrMissing(join(root, manifest)));
  for (const file of inputs.others ?? []) parts.push(relative(root, file), bytesOrMissing(file));
  parts.push(nodeModulesLinks(root));
  return hashOf(...parts);
}
