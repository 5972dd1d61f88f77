/**
 * The declaration hashes of the graph's files (`facts/declaration-hash.ts`),
 * computed on demand: only the files in the closure of imports of a module
 * whose API is read need one, so a check does not hash the declarations of
 * every file it parses. A hash is cached by the file's content hash; a file
 * read again that no longer has the content the graph read (edited since),
 * or that the parser runs out of stack on, gets its content hash instead,
 * which is never wrong, only less often unchanged.
 */
import { join } from "node:path";
import { hashOf } from "../cache/hash.js";
import type { CacheStore } from "../cache/store.js";
import { isStackOverflow } from "../errors.js";
import { readRegularFile } from "../files/read.js";
import type { Limits } from "../limits.js";
import { declarationHash } from "./facts/declaration-hash.js";
import { parseSource } from "./parse.js";

/** What {@link declarationHashReader} reads files with: the graph's own inputs. */
export interface DeclarationHashInput {
  readonly root: string;
  readonly cache: CacheStore;
  /** Reads a file's text (default: from the disk), as the graph does. */
  readonly readText?: (path: string) => string;
  readonly limits: Pick<Limits, "read_bytes">;
}

/** The declaration hash of the file at `path` (repository-relative) whose content the graph read has the hash `hash`. */
export type DeclarationHashOf = (path: string, hash: string) => string;

/** The text of a file as the graph reads it, or `undefined` when it cannot be read. */
function textOf(input: DeclarationHashInput, path: string): string | undefined {
  if (input.readText !== undefined) return input.readText(path);
  const read = readRegularFile(join(input.root, path), input.limits.read_bytes, "limits.read_bytes");
  return read.kind === "text" ? read.text : undefined;
}

/**
 * Creates a {@link DeclarationHashOf} for the files of one graph, with the
 * cache section `declaration-hash` (an entry no run asks for is dropped).
 */
export function declarationHashReader(input: DeclarationHashInput): DeclarationHashOf {
  const section = input.cache.section<string>("declaration-hash", { untouched: "drop" });
  return (path, hash) => {
    const cached = section.get(path, hash);
    if (cached !== undefined) return cached;
    const text = textOf(input, path);
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
