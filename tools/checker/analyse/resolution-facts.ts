/**
 * What the resolutions of a repository looked at outside its scanned files:
 * the folders where a specifier was looked for (a file created there, such
 * as the file an unresolved import names or one that comes before the file
 * an import led to, changes where it leads), the manifests read and the
 * links followed (see `cache/disk-facts.ts`). The scanned files themselves
 * are not facts: the file list is part of every key.
 *
 * The facts of every resolution cached under one key (the resolution inputs
 * and the file list) are kept together, in the cache section
 * `resolution-facts`, with a generation: the key of the cached resolutions
 * includes it. A run checks the facts first (stat calls); when one no longer
 * holds, a new generation starts, empty, and every specifier is resolved
 * again (each file's syntax facts are still served by its content hash).
 * While they hold, the facts of the resolutions a run adds are added to
 * them.
 */
import { randomUUID } from "node:crypto";
import { type DiskFactRecorder, diskFactRecorder, type DiskFacts, diskFactsHold, noDiskFacts } from "../cache/disk-facts.js";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";

/** The cache section of the facts, and the id of its one entry. */
const SECTION = "resolution-facts";
const ENTRY = "facts";

/** The stored facts and their generation. */
interface StoredFacts {
  readonly generation: string;
  readonly facts: DiskFacts;
}

/** What {@link resolutionFacts} reads. */
export interface ResolutionFactsInput {
  /** The repository root (absolute). */
  readonly root: string;
  /** The analysed files (repository-relative). */
  readonly files: readonly string[];
  /** Hash of everything resolution depends on besides the file list (see `environment.ts`). */
  readonly resolutionInputs: string;
  readonly cache: CacheStore;
}

/** The facts of a repository's resolutions, for one run (or one watch session). */
export interface ResolutionFacts {
  /** The key of the resolutions cached under these facts: the resolution inputs, the file list and the facts' generation. */
  readonly key: string;
  /** Where the resolver records what it looks at (the facts kept in the cache). */
  readonly recorder: DiskFactRecorder;
  /**
   * Whether everything recorded so far still holds on the disk (a watch
   * session asks before it re-uses resolutions); the recorder then reads
   * the disk afresh for what it records next.
   */
  holds(): boolean;
}

/**
 * Whether a repository-relative path is one whose existence the file list
 * covers: an analysed file, or a folder that holds one.
 */
export function coveredByFileList(files: readonly string[]): (path: string) => boolean {
  const covered = new Set<string>(files);
  for (const file of files) {
    for (let slash = file.lastIndexOf("/"); slash > 0; slash = file.lastIndexOf("/", slash - 1)) {
      const folder = file.slice(0, slash);
      if (covered.has(folder)) break;
      covered.add(folder);
    }
  }
  covered.add(".");
  return (path) => covered.has(path);
}

/** A recorder of what resolving specifiers of the analysed `files` looks at outside them. */
export function resolutionRecorder(root: string, files: readonly string[], options: { readonly into?: DiskFacts; readonly onRecord?: () => void } = {}): DiskFactRecorder {
  return diskFactRecorder(root, { covered: coveredByFileList(files), ...options });
}

/**
 * The facts of the repository's cached resolutions, checked against the
 * disk: those of the cache when they hold (with their generation), else a
 * new, empty generation. What the run's resolver records is added to them,
 * and stored when the cache is saved.
 */
export function resolutionFacts(input: ResolutionFactsInput): ResolutionFacts {
  const { root, files, resolutionInputs, cache } = input;
  const section = cache.section<StoredFacts>(SECTION, { untouched: "drop" });
  const base = hashOf(resolutionInputs, ...files);
  const stored = section.get(ENTRY, base);
  let current: StoredFacts | undefined;
  if (stored !== undefined) {
    const check = diskFactsHold(root, stored.facts);
    if (check.holds) current = stored;
    if (check.refreshed) section.set(ENTRY, base, stored);
  }
  const kept = current ?? { generation: randomUUID(), facts: noDiskFacts() };
  const recorder = resolutionRecorder(root, files, { into: kept.facts, onRecord: () => section.set(ENTRY, base, kept) });
  const holds = (): boolean => {
    recorder.forget();
    return diskFactsHold(root, kept.facts).holds;
  };
  return { key: hashOf(base, kept.generation), recorder, holds };
}
