/**
 * Gathers the {@link DocsModel} of an opened repository from its contracts and
 * the checker's analyses: module APIs with their TSDoc, imports, transaction
 * control, callers, violations, and the folder-level dependency graph with
 * the checker's verdict on each dependency. Nothing here judges a
 * dependency: the verdicts do.
 */
import { dirname } from "node:path";
import {
  actualImports,
  type ExportsSection,
  type LoadedContract,
  type Repository,
  summariseTransactions,
  type Violation,
} from "../checker/index.js";
import type { DeclaredBan, DocsModel, FolderEdge, ModuleCard } from "./model.js";

const NO_EXPORTS: ExportsSection = { functions: [], classes: [], types: [], protocols: [], constants: [] };

/** The rules whose breach draws an import between folders in red. */
const DRAWN_RED: ReadonlySet<string> = new Set(["inbound-boundary", "layer-boundary"]);

/** The folder a file is drawn in: its directory, cut to two levels (`spine/drivers`, `test/spine`). */
export function folderOf(path: string): string {
  const directory = dirname(path);
  return directory === "." ? "(root)" : directory.split("/").slice(0, 2).join("/");
}

/** The folder a glob names: its segments before the first wildcard (`tools/**` → `tools`). */
export function folderOfGlob(glob: string): string {
  const fixed: string[] = [];
  for (const segment of glob.split("/")) {
    if (/[*?[{]/.test(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? "(any)" : fixed.slice(0, 2).join("/");
}

function formatViolation(violation: Violation): string {
  const firstLine = violation.message.split("\n")[0] ?? "";
  return `${violation.file}:${violation.line}:${violation.column} ${violation.ruleId} ${firstLine}`;
}

function cardOf(repository: Repository, contract: LoadedContract, violations: readonly Violation[]): ModuleCard {
  const path = contract.data.placement.file;
  const graphFile = repository.graph.files.get(path);
  const concerning = violations.filter((v) => v.contract === contract.contractFile || v.file === path);
  const base = {
    contractFile: contract.contractFile,
    contract: contract.data,
    callers: [...new Set(repository.graph.importersOf(path).map((importer) => importer.file.path))].filter((p) => p !== path).sort(),
    violations: concerning.map(formatViolation),
  };
  if (graphFile === undefined) {
    return {
      ...base,
      exists: false,
      exports: NO_EXPORTS,
      docs: new Map(),
      actualImports: { internal: [], external: [] },
      transactions: { commits: false, flushes: false, rollbacks: false, opensTransactions: false },
    };
  }
  const api = repository.apis.read(path);
  return {
    ...base,
    exists: true,
    exports: api?.exports ?? NO_EXPORTS,
    docs: new Map(Object.entries(api?.docs ?? {})),
    actualImports: actualImports(graphFile),
    transactions: summariseTransactions(repository.transactions.read(path) ?? []),
  };
}

function folderEdges(repository: Repository): FolderEdge[] {
  const edges = new Map<string, { from: string; to: string; imports: number; forbidden: boolean }>();
  for (const path of repository.graph.files.keys()) {
    for (const { dependency, breaches } of repository.verdicts.of(path)) {
      if (dependency.target.kind !== "internal") continue;
      const from = folderOf(path);
      const to = folderOf(dependency.target.path);
      if (from === to) continue;
      const key = `${from}\u0000${to}`;
      const edge = edges.get(key) ?? { from, to, imports: 0, forbidden: false };
      edge.imports += 1;
      edge.forbidden ||= breaches.some((breach) => DRAWN_RED.has(breach.rule));
      edges.set(key, edge);
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

function declaredBans(repository: Repository): DeclaredBan[] {
  const bans = new Map<string, DeclaredBan>();
  const add = (from: string, to: string, rule: string): void => {
    const key = `${from}\u0000${to}`;
    if (!bans.has(key)) bans.set(key, { from, to, rule });
  };
  for (const contract of repository.contracts) {
    for (const glob of contract.data.boundary.forbidden_inbound) add(folderOfGlob(glob), folderOf(contract.data.placement.file), contract.contractFile);
  }
  for (const layer of repository.project.data.layers) {
    for (const from of layer.from) for (const to of layer.forbidden) add(folderOfGlob(from), folderOfGlob(to), layer.name);
  }
  return [...bans.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Builds the docs model.
 * @param repository - the opened repository.
 * @param violations - the checker's violations on it (shown on the cards).
 */
export function collectDocsModel(repository: Repository, violations: readonly Violation[]): DocsModel {
  return {
    cards: repository.contracts.map((contract) => cardOf(repository, contract, violations)),
    edges: folderEdges(repository),
    bans: declaredBans(repository),
    layers: repository.project.data.layers,
  };
}
