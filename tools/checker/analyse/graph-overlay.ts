/**
 * A dependency graph with one file read from given text instead of the
 * disk (an editor's unsaved buffer): that file's facts and resolutions are
 * computed afresh by {@link buildGraph}, with the base graph's resolver;
 * every other file, and every importer edge of another file, is the base
 * graph's.
 */
import { NO_CACHE } from "../cache/store.js";
import type { Limits } from "../limits.js";
import { buildGraph, type GraphEdge, type GraphFile, type RepoGraph } from "./graph.js";
import type { SpecifierResolver } from "./resolve.js";

/** What {@link overlayGraph} reads besides the base graph. */
export interface OverlayInput {
  readonly root: string;
  readonly resolver: SpecifierResolver;
  /** The base graph's resolution key (see `resolution-facts.ts`). */
  readonly resolutionKey: string;
  /** The repository's size limits (a buffer over `parse_bytes` is scanned without a syntax tree). */
  readonly limits: Pick<Limits, "read_bytes" | "parse_bytes">;
}

/**
 * `base` with the file at `path` (repository-relative) read from `text`;
 * the file is added when `base` does not have it.
 */
export function overlayGraph(base: RepoGraph, input: OverlayInput, path: string, text: string): RepoGraph {
  // No cache: a buffer's facts are cheap to extract, and an entry keyed by a buffer would evict the file's entry on the disk.
  // Its warnings are dropped: an editor shows violations, not what a run skipped.
  const single = buildGraph({ ...input, files: [path], cache: NO_CACHE, readText: () => text, warnings: [] });
  const replaced = single.files.get(path) as GraphFile;
  const files = new Map(base.files);
  files.set(path, replaced);
  const added = new Map<string, GraphEdge[]>();
  for (const dependency of replaced.dependencies) {
    if (dependency.target.kind !== "internal") continue;
    const list = added.get(dependency.target.path) ?? [];
    list.push({ file: replaced, dependency });
    added.set(dependency.target.path, list);
  }
  return {
    files,
    importersOf: (target) => [...base.importersOf(target).filter((edge) => edge.file.path !== path), ...(added.get(target) ?? [])],
    file: (other) => (other === path ? replaced : base.file(other)),
  };
}
