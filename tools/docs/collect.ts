/**
 * Gathers the {@link DocsModel} of an opened repository from its contracts and
 * the checker's analyses: module APIs with their TSDoc, imports, transaction
 * control, callers, violations, and the folder diagram with the checker's
 * verdict on each dependency. Nothing here judges a dependency: the verdicts
 * do.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { actualImports, type LoadedContract, type ModuleApi, type Repository, summariseTransactions, type Violation } from "../checker/index.js";
import { buildDiagram, folderKey, type PackageFolder } from "./diagram.js";
import type { DeclaredBan, DocsModel, FolderEdge, ModuleCard } from "./model.js";

/** The API of a contracted file that does not exist. */
const NO_API: ModuleApi = {
  exports: { functions: [], classes: [], types: [], protocols: [], constants: [] },
  declarations: {},
  returns: {},
  docs: {},
  positions: {},
};

/** The rules whose breach draws an import between folders in red. */
const DRAWN_RED: ReadonlySet<string> = new Set(["inbound-boundary", "layer-boundary"]);

function formatViolation(violation: Violation): string {
  const firstLine = violation.message.split("\n")[0] ?? "";
  return `${violation.file}:${violation.line}:${violation.column} ${violation.ruleId} ${firstLine}`;
}

/**
 * The title of each module's page: its file name, with as many of its
 * folders as it takes to tell it from every other contracted module
 * (`index.ts` twice becomes `db/index.ts` and `orchestrator/index.ts`).
 */
export function pageTitles(paths: readonly string[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const path of paths) {
    const parts = path.split("/");
    let depth = 1;
    const suffix = (p: string, n: number): string => p.split("/").slice(-n).join("/");
    while (depth < parts.length && paths.some((other) => other !== path && suffix(other, depth) === suffix(path, depth))) depth++;
    titles.set(path, suffix(path, depth));
  }
  return titles;
}

function cardOf(repository: Repository, contract: LoadedContract, title: string, violations: readonly Violation[]): ModuleCard {
  const path = contract.data.placement.file;
  const graphFile = repository.graph.files.get(path);
  const base = {
    contractFile: contract.contractFile,
    contract: contract.data,
    title,
    callers: [...new Set(repository.graph.importersOf(path).map((importer) => importer.file.path))].filter((p) => p !== path).sort(),
    violations: violations.filter((v) => v.contract === contract.contractFile || v.file === path).map(formatViolation),
  };
  if (graphFile === undefined) {
    return {
      ...base,
      exists: false,
      api: NO_API,
      actualImports: { internal: [], external: [] },
      transactions: { commits: false, flushes: false, rollbacks: false, opensTransactions: false },
    };
  }
  return {
    ...base,
    exists: true,
    api: repository.apis.read(path) ?? NO_API,
    actualImports: actualImports(graphFile),
    transactions: summariseTransactions(repository.transactions.read(path) ?? []),
  };
}

/** The imports between folders, with the checker's verdicts, and every repository file they involve. */
function folderEdges(repository: Repository): { edges: FolderEdge[]; paths: Set<string> } {
  const edges = new Map<string, { from: string; to: string; imports: number; forbidden: boolean }>();
  const paths = new Set(repository.graph.files.keys());
  for (const path of repository.graph.files.keys()) {
    for (const { dependency, breaches } of repository.verdicts.of(path)) {
      if (dependency.target.kind !== "internal") continue;
      paths.add(dependency.target.path);
      const from = folderKey(path);
      const to = folderKey(dependency.target.path);
      if (from === to) continue;
      const key = `${from}\u0000${to}`;
      const edge = edges.get(key) ?? { from, to, imports: 0, forbidden: false };
      edge.imports += 1;
      edge.forbidden ||= breaches.some((breach) => DRAWN_RED.has(breach.rule));
      edges.set(key, edge);
    }
  }
  return { edges: [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)), paths };
}

/** The bans the contracts (`forbidden_inbound`) and the layer rules (`forbidden`) declare, glob by glob. */
function declaredBans(repository: Repository, titles: ReadonlyMap<string, string>): DeclaredBan[] {
  const bans: DeclaredBan[] = [];
  for (const contract of repository.contracts) {
    const file = contract.data.placement.file;
    const name = titles.get(file) ?? file;
    for (const from of contract.data.boundary.forbidden_inbound) bans.push({ from, to: file, declaredBy: contract.contractFile, kind: "boundary", name });
  }
  for (const layer of repository.project.data.layers) {
    for (const from of layer.from) for (const to of layer.forbidden) bans.push({ from, to, declaredBy: `layer ${layer.name}`, kind: "layer", name: layer.name });
  }
  return bans;
}

/** The manifest at a repository-relative path: its name and `private` flag (`undefined` when it cannot be read). */
function readManifest(root: string, path: string): { name: string | undefined; private: boolean } | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(join(root, path), "utf8"));
    if (typeof data !== "object" || data === null) return undefined;
    const { name, private: isPrivate } = data as { name?: unknown; private?: unknown };
    return { name: typeof name === "string" ? name : undefined, private: isPrivate === true };
  } catch {
    return undefined;
  }
}

/** The packages of the scanned tree (the folders of its manifests, but the root's). */
function packageFolders(repository: Repository): PackageFolder[] {
  return repository.tree.manifests
    .filter((manifest) => manifest !== "package.json")
    .map((manifest) => ({ folder: dirname(manifest), name: readManifest(repository.root, manifest)?.name }));
}

/**
 * Builds the docs model.
 * @param repository - the opened repository.
 * @param violations - the checker's violations on it (shown on the cards).
 */
export function collectDocsModel(repository: Repository, violations: readonly Violation[]): DocsModel {
  const titles = pageTitles(repository.contracts.map((contract) => contract.data.placement.file));
  const { edges, paths } = folderEdges(repository);
  const diagram = buildDiagram({
    files: [...paths],
    packages: packageFolders(repository),
    rootPackage: readManifest(repository.root, "package.json"),
    edges,
    bans: declaredBans(repository, titles),
  });
  return {
    cards: repository.contracts.map((contract) => cardOf(repository, contract, titles.get(contract.data.placement.file) ?? contract.data.placement.file, violations)),
    diagram,
    layers: repository.project.data.layers,
  };
}
