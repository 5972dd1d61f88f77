/**
 * What the readers of the deeper analyses (transaction control, module APIs)
 * share: their inputs, and the limit on the size of the modules they read.
 */
import type { CacheStore } from "../cache/store.js";
import { formatBytes } from "../limits.js";
import type { CheckWarning } from "../warnings.js";
import type { RepoGraph } from "./graph.js";
import type { SpecifierResolver } from "./resolve.js";

/** What the readers of transaction control and module APIs read besides the module. */
export interface ReaderInput {
  readonly root: string;
  readonly graph: RepoGraph;
  readonly resolver: SpecifierResolver;
  /** Hash of everything resolution depends on besides the file list. */
  readonly resolutionInputs: string;
  readonly cache: CacheStore;
  /** `limits.analyse_bytes`: a larger module is not analysed. */
  readonly maxBytes: number;
  /** Where a module that is not analysed is reported. */
  readonly warnings: CheckWarning[];
}

/**
 * The warning about a module over `limits.analyse_bytes` (for `what`:
 * transaction control, exports), or `undefined` when it is not over it.
 */
export function analyseLimitWarning(graph: RepoGraph, path: string, maxBytes: number, what: string): CheckWarning | undefined {
  const bytes = graph.files.get(path)?.bytes ?? 0;
  if (bytes <= maxBytes) return undefined;
  return { file: path, message: `not analysed for ${what}: ${formatBytes(bytes)}, larger than limits.analyse_bytes (${formatBytes(maxBytes)}); its imports are checked` };
}
