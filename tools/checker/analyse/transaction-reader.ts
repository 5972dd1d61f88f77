/**
 * Finds transaction control in modules (see `transactions.ts`), cached by
 * the content of each module and of the repository files it imports
 * directly (where the helpers it calls live).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CACHE_VERSION, hashOf, type JsonCache } from "./cache.js";
import type { RepoGraph } from "./graph.js";
import { helperLoader, readModule } from "./module-source.js";
import type { SpecifierResolver } from "./resolve.js";
import { analyseTransactions, type TransactionFinding } from "./transactions.js";

/** Reads the transaction findings of modules; call `save()` once done. */
export interface TransactionReader {
  /** The findings of the module at `path` (repository-relative), or `undefined` when it does not exist. */
  read(path: string): readonly TransactionFinding[] | undefined;
  /** Writes the cache (call once at the end of a run). */
  save(): void;
}

interface CachedFindings {
  readonly version: string;
  readonly entries: Record<string, { readonly key: string; readonly findings: readonly TransactionFinding[] }>;
}

const CACHE_ENTRY = "transactions";

/** Creates a {@link TransactionReader} over the files of `graph`. */
export function transactionReader(
  root: string,
  graph: RepoGraph,
  resolver: SpecifierResolver,
  configHash: string,
  cache: JsonCache,
): TransactionReader {
  const stored = cache.read<CachedFindings>(CACHE_ENTRY);
  const entries = stored?.version === CACHE_VERSION ? { ...stored.entries } : {};
  let dirty = false;
  const contentHash = (path: string): string => {
    const known = graph.files.get(path)?.hash;
    if (known !== undefined) return known;
    const abs = join(root, path);
    return existsSync(abs) ? hashOf(readFileSync(abs, "utf8")) : "-";
  };
  const keyOf = (path: string): string | undefined => {
    const file = graph.files.get(path);
    if (file === undefined) return undefined;
    const helpers = file.dependencies.flatMap((d) => (d.target.kind === "internal" ? [d.target.path] : []));
    return hashOf(configHash, path, file.hash, ...[...new Set(helpers)].sort().map((p) => `${p}:${contentHash(p)}`));
  };
  return {
    read(path) {
      const key = keyOf(path);
      const hit = entries[path];
      if (key !== undefined && hit?.key === key) return hit.findings;
      const source = readModule(root, path);
      if (!source) return undefined;
      const findings = analyseTransactions(source, helperLoader(root, resolver, path));
      if (key !== undefined) {
        entries[path] = { key, findings };
        dirty = true;
      }
      return findings;
    },
    save() {
      if (dirty) cache.write(CACHE_ENTRY, { version: CACHE_VERSION, entries } satisfies CachedFindings);
    },
  };
}
