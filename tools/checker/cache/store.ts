/**
 * The one cache of the checker: named sections of entries, one JSON file
 * per section, in `node_modules/.cache/spine-check/` of the analysed
 * repository (where ESLint and Babel keep theirs: never committed, never
 * scanned) unless `--cache-dir` names another folder.
 * Every section of a store shares its namespace (the checker's build, the
 * TypeScript versions, the cache format: see `namespace.ts`): a file written
 * under another namespace is ignored whole. Each entry holds its own key, the
 * hash of every input its value was computed from, and is served only for
 * the same key. A corrupt or unreadable file is treated as absent and a
 * failed write only costs speed: the cache can make a run faster, never
 * change its result.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The default folder of the cache, relative to the repository root. */
export const CACHE_DIR = "node_modules/.cache/spine-check";

/** The default folder of the cache of the repository at `root` (absolute). */
export function defaultCacheDir(root: string): string {
  return join(root, CACHE_DIR);
}

/**
 * Whether the folder `dir` holds a file of the section `name`: a guess that a
 * store opened there will find its entries, taken without reading the file
 * (its namespace and keys are checked only when the section is opened).
 */
export function sectionSaved(dir: string, name: string): boolean {
  return existsSync(join(dir, `${name}.json`));
}

/** Entries of one kind (module APIs, file facts, validated contracts…), by id. */
export interface CacheSection<T> {
  /** The value stored for `id` under `key`, or `undefined` (a miss) when there is none or its key differs. */
  get(id: string, key: string): T | undefined;
  /** Stores `value` for `id` under `key`. */
  set(id: string, key: string, value: T): void;
  /**
   * The value stored for `id` under whatever key, for reusing the parts of it
   * whose own inputs are known to be unchanged (the caller checks that); a
   * stale value is never served as is.
   */
  stale(id: string): T | undefined;
}

/** How a section treats entries a run did not touch. */
export interface SectionOptions {
  /**
   * `keep` (default): entries a run neither read nor wrote are kept for a
   * later run. `drop`: they are dropped when the store is saved (for a
   * section whose every live entry each run touches, such as the graph).
   */
  readonly untouched?: "keep" | "drop";
}

/** A set of sections under one namespace. */
export interface CacheStore {
  /** Opens (once per name) the section `name`. */
  section<T>(name: string, options?: SectionOptions): CacheSection<T>;
  /** Writes every section that changed in this run. */
  save(): void;
}

interface StoredEntry<T> {
  readonly key: string;
  readonly value: T;
}

interface StoredSection<T> {
  readonly namespace: string;
  readonly entries: Record<string, StoredEntry<T>>;
}

/** A store that stores nothing (`--no-cache`): every `get` misses. */
export const NO_CACHE: CacheStore = {
  section: <T>(): CacheSection<T> => ({ get: () => undefined, set: () => undefined, stale: () => undefined }),
  save: () => undefined,
};

function readSection<T>(path: string, namespace: string): Record<string, StoredEntry<T>> {
  try {
    const stored = JSON.parse(readFileSync(path, "utf8")) as Partial<StoredSection<T>>;
    return stored.namespace === namespace && typeof stored.entries === "object" && stored.entries !== null ? stored.entries : {};
  } catch {
    return {};
  }
}

function writeSection(dir: string, path: string, section: StoredSection<unknown>): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(section));
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written only costs speed on the next run.
  }
}

/**
 * The store in the folder `dir` (absolute) under `namespace`. Sections are
 * read when first opened and written by `save()` when they changed.
 */
export function fileCache(dir: string, namespace: string): CacheStore {
  const sections = new Map<string, { save(): void }>();
  return {
    section<T>(name: string, options: SectionOptions = {}): CacheSection<T> {
      const open = sections.get(name);
      if (open !== undefined) return open as unknown as CacheSection<T>;
      const path = join(dir, `${name}.json`);
      const entries = readSection<T>(path, namespace);
      const touched = new Set<string>();
      let changed = false;
      const section: CacheSection<T> & { save(): void } = {
        get(id, key) {
          const entry = entries[id];
          if (entry === undefined || entry.key !== key) return undefined;
          touched.add(id);
          return entry.value;
        },
        set(id, key, value) {
          entries[id] = { key, value };
          touched.add(id);
          changed = true;
        },
        stale(id) {
          return entries[id]?.value;
        },
        save() {
          let kept = entries;
          if (options.untouched === "drop") {
            const ids = Object.keys(entries);
            if (ids.some((id) => !touched.has(id))) {
              kept = Object.fromEntries(ids.filter((id) => touched.has(id)).map((id) => [id, entries[id] as StoredEntry<T>]));
              changed = true;
            }
          }
          if (!changed) return;
          writeSection(dir, path, { namespace, entries: kept });
          changed = false;
        },
      };
      sections.set(name, section);
      return section;
    },
    save() {
      for (const section of sections.values()) section.save();
    },
  };
}
