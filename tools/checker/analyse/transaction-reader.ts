/**
 * Finds transaction control in modules (see `transactions.ts`), cached by
 * the content of each module and of the repository files it imports
 * directly (where the helpers it calls live).
 */
import type { ts } from "ts-morph";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import type { RepoGraph } from "./graph.js";
import { helperLoader, readModule } from "./module-source.js";
import type { SpecifierResolver } from "./resolve.js";
import { analyseTransactions, type TransactionFinding } from "./transactions.js";

/** Reads the transaction findings of modules, through the cache. */
export interface TransactionReader {
  /** The findings of the module at `path` (repository-relative), or `undefined` when it does not exist. */
  read(path: string): readonly TransactionFinding[] | undefined;
}

/**
 * Creates a {@link TransactionReader} over the files of `graph`.
 * @param readModuleAt - parses a module (default: its text on the disk); it must read the text `graph` hashed.
 */
export function transactionReader(
  root: string,
  graph: RepoGraph,
  resolver: SpecifierResolver,
  resolutionInputs: string,
  cache: CacheStore,
  readModuleAt: (path: string) => ts.SourceFile | undefined = (path) => readModule(root, path),
): TransactionReader {
  const section = cache.section<readonly TransactionFinding[]>("transactions");
  const keyOf = (path: string): string | undefined => {
    const file = graph.files.get(path);
    if (file === undefined) return undefined;
    const helpers = file.dependencies.flatMap((d) => (d.target.kind === "internal" ? [d.target.path] : []));
    return hashOf(resolutionInputs, path, file.hash, ...[...new Set(helpers)].sort().map((p) => `${p}:${graph.file(p)?.hash ?? "-"}`));
  };
  return {
    read(path) {
      const key = keyOf(path);
      const hit = key === undefined ? undefined : section.get(path, key);
      if (hit !== undefined) return hit;
      const source = readModuleAt(path);
      if (!source) return undefined;
      const findings = analyseTransactions(source, helperLoader(root, resolver, path));
      if (key !== undefined) section.set(path, key, findings);
      return findings;
    },
  };
}
