/**
 * Finds transaction control in modules (see `transactions.ts`), cached by
 * the content of each module and of the repository files it imports
 * directly (where the helpers it calls live). A module over
 * `limits.analyse_bytes`, or too deeply nested to analyse, is not analysed,
 * and a warning says so.
 */
import type { ts } from "ts-morph";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { isStackOverflow } from "../errors.js";
import type { RepoGraph } from "./graph.js";
import { helperLoader, readModule } from "./module-source.js";
import { analyseLimitWarning, type ReaderInput } from "./reader-input.js";
import type { SpecifierResolver } from "./resolve.js";
import { analyseTransactions, type TransactionFinding } from "./transactions.js";

/** Reads the transaction findings of modules, through the cache. */
export interface TransactionReader {
  /** The findings of the module at `path` (repository-relative), or `undefined` when it does not exist or was not analysed (a warning says why). */
  read(path: string): readonly TransactionFinding[] | undefined;
}

/**
 * Creates a {@link TransactionReader} over the files of `graph`.
 * @param readModuleAt - parses a module (default: its text on the disk, up to `input.maxBytes`); it must read the text `graph` hashed.
 */
export function transactionReader(input: ReaderInput, readModuleAt?: (path: string) => ts.SourceFile | undefined): TransactionReader {
  const { root, graph, resolver, resolutionInputs, cache, maxBytes, warnings } = input;
  const parse = readModuleAt ?? ((path: string): ts.SourceFile | undefined => readModule(root, path, maxBytes));
  const section = cache.section<readonly TransactionFinding[]>("transactions");
  const keyOf = (path: string): string | undefined => {
    const file = graph.files.get(path);
    if (file === undefined) return undefined;
    const helpers = file.dependencies.flatMap((d) => (d.target.kind === "internal" ? [d.target.path] : []));
    return hashOf(resolutionInputs, path, file.hash, ...[...new Set(helpers)].sort().map((p) => `${p}:${graph.file(p)?.hash ?? "-"}`));
  };
  return {
    read(path) {
      const tooLarge = analyseLimitWarning(graph, path, maxBytes, "transaction control");
      if (tooLarge !== undefined) {
        warnings.push(tooLarge);
        return undefined;
      }
      const key = keyOf(path);
      const hit = key === undefined ? undefined : section.get(path, key);
      if (hit !== undefined) return hit;
      let findings: TransactionFinding[];
      try {
        const source = parse(path);
        if (!source) return undefined;
        findings = analyseTransactions(source, helperLoader(root, resolver, path, maxBytes));
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        warnings.push({ file: path, message: "not analysed for transaction control: nested too deeply for the TypeScript parser (it ran out of stack)" });
        return undefined;
      }
      if (key !== undefined) section.set(path, key, findings);
      return findings;
    },
  };
}
