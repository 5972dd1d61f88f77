/**
 * The declaration hashes of the graph's files (`facts/declaration-hash.ts`),
 * computed on demand: only the files in the closure of imports of a module
 * whose API is read need one, so a check does not hash the declarations of
 * every file it parses. A hash is cached by the file's content hash; a file
 * read again that no longer has the content the graph read (edited since),
 * or that the parser runs out of stack on, gets its content hash instead,
 * which is never wrong, only less often unchanged.
 */
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { isStackOverflow } from "../errors.js";
import { declarationHash } from "./facts/declaration-hash.js";
import { parseSource } from "./parse.js";

/** The declaration hash of the file at `path` (repository-relative) whose content the graph read has the hash `hash`. */
export type DeclarationHashOf = (path: string, hash: string) => string;

/**
 * Creates a {@link DeclarationHashOf} for the files of one graph, with the
 * cache section `declaration-hash` of `cache` (an entry no run asks for is
 * dropped).
 * @param readText - reads a file's text as the graph does (`undefined` when it cannot be read).
 */
export function declarationHashReader(cache: CacheStore, readText: (path: string) => string | undefined): DeclarationHashOf {
  const section = cache.section<string>("declaration-hash", { untouched: "drop" });
  return (path, hash) => {
    const cached = section.get(path, hash);
    if (cached !== undefined) return cached;
    const text = readText(path);
    if (text === undefined || hashOf(text) !== hash) return hash;
    let computed: string;
    try {
      computed = declarationHash(parseSource(path, text, true));
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      return hash;
    }
    section.set(path, hash, computed);
    return computed;
  };
}
