/**
 * A small JSON cache under `.spine-cache/` in the analysed repository. Each
 * entry is one JSON file; a corrupt or unreadable entry is treated as absent,
 * so the cache can only make a run faster, never change its result.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Folder of the cache, relative to the repository root. */
export const CACHE_DIR = ".spine-cache";

/** Bumped whenever the shape of cached data changes. */
export const CACHE_VERSION = "2";

/** A hex SHA-1 of the given parts. */
export function hashOf(...parts: readonly string[]): string {
  const hash = createHash("sha1");
  for (const part of parts) {
    hash.update(part);
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

/** Reads and writes named JSON entries. */
export interface JsonCache {
  read<T>(name: string): T | undefined;
  write(name: string, value: unknown): void;
}

/** A cache that stores nothing (for `--no-cache`). */
export const noCache: JsonCache = {
  read: () => undefined,
  write: () => undefined,
};

/** A cache in `<root>/.spine-cache/`. */
export function fileCache(root: string): JsonCache {
  const dir = join(root, CACHE_DIR);
  return {
    read<T>(name: string): T | undefined {
      try {
        return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as T;
      } catch {
        return undefined;
      }
    },
    write(name: string, value: unknown): void {
      try {
        mkdirSync(dir, { recursive: true });
        const target = join(dir, `${name}.json`);
        const temp = `${target}.${process.pid}.tmp`;
        writeFileSync(temp, JSON.stringify(value));
        renameSync(temp, target);
      } catch {
        // A cache that cannot be written only costs speed on the next run.
      }
    },
  };
}
