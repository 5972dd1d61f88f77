/**
 * Finds transaction control in modules (see `transactions.ts`), cached by
 * the content of each module and the paths of the repository files it
 * imports directly (where the helpers it calls live). An entry records what
 * the analysis asked of those helpers and their content: when a helper
 * changed, the entry still serves if every question gets the same answer
 * from it now (a comment or another function edited in a shared helper does
 * not make every module that imports it be analysed again). A module over
 * `limits.analyse_bytes`, or too deeply nested to analyse, is not analysed,
 * and a warning says so.
 */
import type { ts } from "ts-morph";
import { hashOf } from "../cache/hash.js";
import { isStackOverflow } from "../errors.js";
import { readModule } from "./module-source.js";
import { analyseLimitWarning, type ReaderInput } from "./reader-input.js";
import { analyseTransactions, type HelperLoader, type HelperQuery, helperDeclarationFinding, type TransactionFinding } from "./transactions.js";

/** What the reader caches per module. */
interface CachedFindings {
  readonly findings: readonly TransactionFinding[];
  /** What the analysis asked of the helpers, with the answers. */
  readonly queries: readonly HelperQuery[];
  /** The content hash of each helper (the module's internal dependencies) when the entry was written. */
  readonly helpers: Readonly<Record<string, string>>;
}

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
  const section = cache.section<CachedFindings>("transactions");
  const helpersOf = (path: string): Record<string, string> => {
    const helpers: Record<string, string> = {};
    for (const d of graph.files.get(path)?.dependencies ?? []) if (d.target.kind === "internal") helpers[d.target.path] = graph.file(d.target.path)?.hash ?? "-";
    return helpers;
  };
  const keyOf = (path: string, helpers: Record<string, string>): string | undefined => {
    const file = graph.files.get(path);
    if (file === undefined) return undefined;
    return hashOf(resolutionInputs, path, file.hash, ...Object.keys(helpers).sort());
  };
  // Helper modules parsed in this run, and the answers read from them, shared by every module that imports them.
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const parsedAt = (path: string): ts.SourceFile | undefined => {
    if (!parsed.has(path)) parsed.set(path, readModule(root, path, maxBytes));
    return parsed.get(path);
  };
  const answers = new Map<string, TransactionFinding | null>();
  const loaderOf = (path: string): HelperLoader => (specifier) => {
    const target = resolver.resolve(specifier, path);
    if (target.kind !== "internal") return undefined;
    const source = parsedAt(target.path);
    return source ? { path: target.path, source } : undefined;
  };
  /** Whether every question the entry's analysis asked gets the same answer now. */
  const answersHold = (path: string, queries: readonly HelperQuery[]): boolean => {
    const load = loaderOf(path);
    return queries.every((query) => {
      const helper = load(query.specifier);
      if ((helper?.path ?? null) !== query.file) return false;
      if (helper === undefined) return true;
      const id = `${helper.path}\u0000${query.name}`;
      if (!answers.has(id)) answers.set(id, helperDeclarationFinding(helper.source, query.name));
      return JSON.stringify(answers.get(id)) === JSON.stringify(query.finding);
    });
  };
  return {
    read(path) {
      const tooLarge = analyseLimitWarning(graph, path, maxBytes, "transaction control");
      if (tooLarge !== undefined) {
        warnings.push(tooLarge);
        return undefined;
      }
      const helpers = helpersOf(path);
      const key = keyOf(path, helpers);
      const hit = key === undefined ? undefined : section.get(path, key);
      if (hit !== undefined && key !== undefined) {
        const unchanged = Object.entries(helpers).every(([helper, hash]) => hit.helpers[helper] === hash);
        if (unchanged) return hit.findings;
        if (answersHold(path, hit.queries)) {
          section.set(path, key, { ...hit, helpers });
          return hit.findings;
        }
      }
      let findings: TransactionFinding[];
      const queries: HelperQuery[] = [];
      try {
        const source = parse(path);
        if (!source) return undefined;
        findings = analyseTransactions(source, loaderOf(path), queries);
      } catch (error) {
        if (!isStackOverflow(error)) throw error;
        warnings.push({ file: path, message: "not analysed for transaction control: nested too deeply for the TypeScript parser (it ran out of stack)" });
        return undefined;
      }
      if (key !== undefined) section.set(path, key, { findings, queries, helpers });
      return findings;
    },
  };
}
