/**
 * An opened repository seen with one file's text replaced (an editor's
 * unsaved buffer): the graph, the verdicts and the transaction reader read
 * the buffer for that file and the opened repository for every other.
 * Nothing is re-read from the disk but the modules the transaction reader
 * parses.
 */
import { overlayGraph } from "../analyse/graph-overlay.js";
import { readModule } from "../analyse/module-source.js";
import { parseSource } from "../analyse/parse.js";
import { transactionReader } from "../analyse/transaction-reader.js";
import { judgeDependencies } from "../verdicts/judge.js";
import type { BreachRule } from "../verdicts/types.js";
import type { Repository } from "./open.js";

/**
 * `repository` with the file at `path` (repository-relative) read from
 * `text`. Its module APIs are not read (a buffer has no type-checker
 * program): `apis.read` throws.
 * @param enabled - the rules the verdicts judge (default: those the repository's severities enable).
 */
export function withFileText(repository: Repository, path: string, text: string, enabled: (rule: BreachRule) => boolean = repository.severities.enabled): Repository {
  const { root, resolver, resolutionInputs, cache } = repository;
  const limits = repository.project.data.limits;
  const graph = overlayGraph(repository.graph, { root, resolver, resolutionKey: repository.resolutionFacts.key, limits }, path, text);
  const verdicts = judgeDependencies({ project: repository.project.data, contracts: repository.contracts, graph, enabled });
  const readers = { root, graph, resolver, resolutionInputs, cache, maxBytes: limits.analyse_bytes, warnings: [] };
  const transactions = transactionReader(readers, (module) =>
    module === path ? parseSource(path, text) : readModule(root, module, limits.analyse_bytes),
  );
  const apis = {
    read(module: string): never {
      throw new Error(`module APIs are not read for a file checked from unsaved text (${module})`);
    },
  };
  return { ...repository, graph, verdicts, transactions, apis };
}
