/**
 * The contract `spine-check contract FILE` writes for one module, so that
 * the next check passes: `exports` and `actual_imports` read from the code
 * (as `--update` reads them), and `allowed_inbound` proposed from the
 * folders whose files depend on the module today, directly or through
 * re-exports (found by judging every dependency of the repository with
 * the new contract allowing nobody, so it is the checker's own verdict).
 */
import { actualImports } from "../analyse/imports.js";
import type { LoadedContract } from "../contracts/contracts.js";
import { contractFileFor } from "../contracts/paths.js";
import type { ContractData } from "../contracts/types.js";
import { yamlText } from "../contracts/yaml-text.js";
import type { Repository } from "../repository/open.js";
import { judgeDependencies } from "../verdicts/judge.js";

/** How many globs `allowed_inbound` holds at most before folders are merged into their parents. */
const MAX_GLOBS = 20;

/** A drafted contract. */
export interface DraftedContract {
  /** Repository-relative path of the contract file. */
  readonly contractFile: string;
  readonly data: ContractData;
  /** The text to write. */
  readonly text: string;
  /** The files that depend on the module today (the proposal's evidence). */
  readonly importers: readonly string[];
  /** The folder depth `allowed_inbound` was merged to, when there were too many folders (`undefined` when not merged). */
  readonly mergedToDepth?: number;
}

/** The folder of a path ("" at the root). */
function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The globs of the folders of `files`, merged to `depth` segments at most; a file at the root is its own glob. */
function folderGlobs(files: readonly string[], depth: number): string[] {
  const folders = new Set<string>();
  const rootFiles = new Set<string>();
  for (const file of files) {
    const folder = folderOf(file);
    if (folder === "") rootFiles.add(file);
    else folders.add(folder.split("/").slice(0, depth).join("/"));
  }
  const sorted = [...folders].sort();
  const kept = sorted.filter((folder) => !sorted.some((other) => other !== folder && folder.startsWith(`${other}/`)));
  return [...kept.map((folder) => `${folder}/**`), ...[...rootFiles].sort()];
}

/** `allowed_inbound`: the importers' folders, merged into their parents while there are more than {@link MAX_GLOBS}. */
function proposeInbound(importers: readonly string[]): { globs: string[]; depth?: number } {
  const deepest = Math.max(0, ...importers.map((file) => folderOf(file).split("/").length));
  const globs = folderGlobs(importers, deepest);
  if (globs.length <= MAX_GLOBS) return { globs };
  let depth = deepest - 1;
  while (depth > 1 && folderGlobs(importers, depth).length > MAX_GLOBS) depth--;
  return { globs: folderGlobs(importers, Math.max(depth, 1)), depth: Math.max(depth, 1) };
}

/** The files that depend on `contract`'s module today, directly or through re-exports. */
function importersOf(repository: Repository, contract: LoadedContract): string[] {
  const verdicts = judgeDependencies({
    project: repository.project.data,
    contracts: [...repository.contracts, contract],
    graph: repository.graph,
    enabled: (rule) => rule === "inbound-boundary" || rule === "reexport-laundering",
  });
  const importers = new Set<string>();
  for (const path of repository.graph.files.keys()) {
    for (const judged of verdicts.of(path)) {
      if (judged.breaches.some((breach) => "contract" in breach && breach.contract === contract)) importers.add(path);
    }
  }
  return [...importers].sort();
}

/** The module's purpose: the first sentence of its leading comment, else a placeholder to replace. */
function purposeOf(text: string): string {
  const leading = /^\s*(?:#![^\n]*\n\s*)?\/\*\*?([\s\S]*?)\*\//.exec(text)?.[1];
  const sentence = leading
    ?.split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("@"))
    .join(" ")
    .split(/(?<=\.)\s/)[0];
  return sentence === undefined || sentence === "" ? "Not described yet: say what this module is for." : sentence;
}

/**
 * Drafts the contract of the module at `file` (repository-relative).
 * @param text - the module's source text (for its purpose).
 */
export function draftContract(repository: Repository, file: string, text: string): DraftedContract {
  const graphFile = repository.graph.file(file);
  if (graphFile === undefined) throw new Error(`${file} is not a file of the repository`);
  const contractFile = contractFileFor(file);
  const api = repository.apis.read(file);
  const base: ContractData = {
    placement: { file, purpose: purposeOf(text) },
    // A module whose API was not read (over limits.analyse_bytes) gets no exports: they are then not checked.
    ...(api === undefined ? {} : { exports: api.exports }),
    boundary: { allowed_inbound: [], forbidden_inbound: [] },
    actual_imports: actualImports(graphFile),
  };
  const probe: LoadedContract = { contractFile, data: base, text: "", positionOf: () => ({ line: 1, column: 1 }) };
  const importers = importersOf(repository, probe);
  const { globs, depth } = proposeInbound(importers);
  const data: ContractData = { ...base, boundary: { allowed_inbound: globs, forbidden_inbound: [] } };
  // The file leaves forbidden_inbound out: allowed_inbound says it all.
  const written = { ...base, boundary: { allowed_inbound: globs } };
  const header = [
    `# Contract of ${file}, written by \`spine-check contract\`.`,
    "# exports and actual_imports come from the code (`spine-check --update` rewrites them);",
    `# allowed_inbound lists the folders that depend on it today (${importers.length} file${importers.length === 1 ? "" : "s"}):`,
    "# narrow it to the layers that should. placement, transaction and pairing may be added (see the README).",
  ];
  return {
    contractFile,
    data,
    text: `${header.join("\n")}\n${yamlText(written)}\n`,
    importers,
    ...(depth === undefined ? {} : { mergedToDepth: depth }),
  };
}
