/**
 * What a cached value read of the file system besides the inputs its key
 * hashes: which names a folder holds (an import that led nowhere looked
 * there, and a file created there can change where it leads), the content of
 * the files read along the way (a package's manifest), and where links
 * lead. A computation records them as it looks ({@link diskFactRecorder});
 * before its value is served, {@link diskFactsHold} checks them: one `stat`
 * per folder (its listing is read again only when its mtime differs, or was
 * too recent to tell a later change from it), one read per file and one
 * `realpath` per link. Any difference is a miss.
 *
 * A looked-up path is recorded as the names of its nearest existing folder
 * that share the path's stem there (`util.ts`, `util.d.ts` and `util/` all
 * have the stem `util`): whatever extension or index file another resolver
 * tries, a file it could find there changes that listing.
 */
import { type Dirent, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { readRegularBytes } from "../files/read.js";
import { hashOf } from "./hash.js";
import { relativePosix } from "../files/posix.js";

/** What is known of one folder. */
export interface FolderFacts {
  /**
   * The folder's mtime (ms) when its names were read, kept only when it was
   * old enough that a later change must move it (see {@link RACY_MS}).
   */
  mtime?: number;
  /** Per stem, the hash of the folder's entries with that stem (their names and kinds, and where links lead). */
  readonly stems: Record<string, string>;
}

/** The facts of one computation, by repository-relative path (`/`-separated; `..` leads outside). */
export interface DiskFacts {
  readonly folders: Record<string, FolderFacts>;
  /** Per file read, the hash of its bytes (`-`: it could not be read). */
  readonly files: Record<string, string>;
  /** Per path whose real path differs, that real path. */
  readonly links: Record<string, string>;
}

/** Records what a computation looks at. */
export interface DiskFactRecorder {
  /** Records that `absolute` (a file or a folder) was looked for and whether it was `found`. */
  looked(absolute: string, found: boolean): void;
  /** Records that the file at `absolute` was read. */
  read(absolute: string): void;
  /** Records that `absolute` leads to `real` through links. */
  linked(absolute: string, real: string): void;
  /**
   * Forgets the folders it has listed, so that what it records next is read
   * from the disk again (a long-lived recorder, before each pass).
   */
  forget(): void;
  /** Everything recorded (added to the facts it started from). */
  readonly facts: DiskFacts;
}

/** Options of {@link diskFactRecorder}. */
export interface RecorderOptions {
  /**
   * Paths whose existence the cache key covers already (the scanned files,
   * and the folders that hold them): a lookup that found one is not recorded.
   */
  readonly covered?: (path: string) => boolean;
  /** Facts to add to (a cached set that still holds); default none. */
  readonly into?: DiskFacts;
  /** Told after each fact that was added. */
  readonly onRecord?: () => void;
}

/**
 * How old (ms) a folder's mtime must be for it to stand for the listing: a
 * change within the same tick of a coarse clock (up to 2 s on FAT) could
 * leave a newer mtime equal.
 */
export const RACY_MS = 2_000;

/** The largest file whose content is a fact; a larger one is recorded by its size. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/** No facts. */
export function noDiskFacts(): DiskFacts {
  return { folders: {}, files: {}, links: {} };
}

/** The stem of a name: up to its first dot after the first character (`index.d.ts` → `index`, `.bin` → `.bin`). */
export function stemOf(name: string): string {
  const dot = name.indexOf(".", 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** `absolute` relative to `root`, `/`-separated (`.` for the root). */
function keyOf(root: string, absolute: string): string {
  return relativePosix(root, absolute) || ".";
}

/** The hash of a file's bytes as a fact. */
function contentFact(absolute: string): string {
  const read = readRegularBytes(absolute, MAX_HASHED_BYTES, "the limit of a hashed file");
  return read.kind === "bytes" ? hashOf(read.content) : `-${read.kind === "skipped" ? read.why : ""}`;
}

/** The entries of a folder, or `undefined` when it cannot be listed. */
function listing(absolute: string): Dirent[] | undefined {
  try {
    return readdirSync(absolute, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** The hash of the entries of `entries` (of the folder `absolute`) whose stem is `stem`. */
function stemHash(absolute: string, entries: readonly Dirent[], stem: string): string {
  const parts: string[] = [];
  for (const entry of entries) {
    if (stemOf(entry.name) !== stem) continue;
    let kind = entry.isFile() ? "file" : entry.isDirectory() ? "folder" : "other";
    if (entry.isSymbolicLink()) {
      try {
        kind = `link ${readlinkSync(join(absolute, entry.name))}`;
      } catch {
        kind = "link";
      }
    }
    parts.push(`${entry.name}\u0001${kind}`);
  }
  return hashOf(...parts.sort());
}

/** The mtime of a folder to keep, when it is old enough to stand for its listing. */
function settledMtime(mtimeMs: number): number | undefined {
  return Date.now() - mtimeMs > RACY_MS ? mtimeMs : undefined;
}

/** Creates a recorder of what a computation in the repository at `root` (absolute) looks at. */
export function diskFactRecorder(root: string, options: RecorderOptions = {}): DiskFactRecorder {
  const facts = options.into ?? noDiskFacts();
  const folders = new Map<string, boolean>();
  const listings = new Map<string, { readonly mtime: number | undefined; readonly entries: readonly Dirent[] }>();
  const isFolder = (absolute: string): boolean => {
    let known = folders.get(absolute);
    if (known === undefined) {
      known = statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
      folders.set(absolute, known);
    }
    return known;
  };
  const record = (): void => options.onRecord?.();
  return {
    facts,
    looked(absolute, found) {
      if (found && options.covered?.(keyOf(root, absolute)) === true) return;
      let folder = dirname(absolute);
      let name = basename(absolute);
      while (!isFolder(folder) && dirname(folder) !== folder) {
        name = basename(folder);
        folder = dirname(folder);
      }
      const key = keyOf(root, folder);
      const stem = stemOf(name);
      const known = facts.folders[key];
      if (known?.stems[stem] !== undefined) return;
      let listed = listings.get(folder);
      if (listed === undefined) {
        // The mtime is read before the names: a change in between moves it past what is kept.
        const stats = statSync(folder, { throwIfNoEntry: false });
        listed = { mtime: stats === undefined ? undefined : settledMtime(stats.mtimeMs), entries: listing(folder) ?? [] };
        listings.set(folder, listed);
      }
      const stems = { ...known?.stems, [stem]: stemHash(folder, listed.entries, stem) };
      facts.folders[key] = listed.mtime === undefined || (known !== undefined && known.mtime !== listed.mtime) ? { stems } : { mtime: listed.mtime, stems };
      record();
    },
    read(absolute) {
      const key = keyOf(root, absolute);
      if (facts.files[key] !== undefined) return;
      facts.files[key] = contentFact(absolute);
      record();
    },
    linked(absolute, real) {
      const key = keyOf(root, absolute);
      if (facts.links[key] !== undefined) return;
      facts.links[key] = keyOf(root, real);
      record();
    },
    forget() {
      folders.clear();
      listings.clear();
    },
  };
}

/** The outcome of {@link diskFactsHold}. */
export interface FactsCheck {
  /** Every fact is still true. */
  readonly holds: boolean;
  /** A folder's mtime was added to the facts (it is old enough now): store them again to check with `stat` alone next time. */
  readonly refreshed: boolean;
}

/** The absolute path of a fact's key. */
function pathOf(root: string, key: string): string {
  return isAbsolute(key) ? key : resolve(root, key);
}

/** Whether the folder's names hold; may add its mtime (`refreshed`). */
function folderHolds(absolute: string, folder: FolderFacts): { holds: boolean; refreshed: boolean } {
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (stats === undefined || !stats.isDirectory()) return { holds: false, refreshed: false };
  if (folder.mtime !== undefined && folder.mtime === stats.mtimeMs) return { holds: true, refreshed: false };
  const entries = listing(absolute);
  if (entries === undefined) return { holds: false, refreshed: false };
  for (const [stem, hash] of Object.entries(folder.stems)) if (stemHash(absolute, entries, stem) !== hash) return { holds: false, refreshed: false };
  const mtime = settledMtime(stats.mtimeMs);
  if (mtime === undefined || mtime === folder.mtime) return { holds: true, refreshed: false };
  folder.mtime = mtime;
  return { holds: true, refreshed: true };
}

/**
 * Checks the facts against the disk now, in the repository at `root`
 * (absolute). A folder whose listing was read again and is old enough now
 * gets its mtime added to `facts` (then `refreshed`).
 */
export function diskFactsHold(root: string, facts: DiskFacts): FactsCheck {
  let refreshed = false;
  for (const [key, folder] of Object.entries(facts.folders)) {
    const check = folderHolds(pathOf(root, key), folder);
    if (!check.holds) return { holds: false, refreshed: false };
    refreshed ||= check.refreshed;
  }
  for (const [key, hash] of Object.entries(facts.files)) if (contentFact(pathOf(root, key)) !== hash) return { holds: false, refreshed: false };
  for (const [key, real] of Object.entries(facts.links)) {
    let now: string;
    try {
      now = keyOf(root, realpathSync(pathOf(root, key)));
    } catch {
      return { holds: false, refreshed: false };
    }
    if (now !== real) return { holds: false, refreshed: false };
  }
  return { holds: true, refreshed };
}
