/**
 * Reads and parses one module of the repository, and loads the modules it
 * imports, for analyses that look one import away (transaction control). A
 * module over `limits.analyse_bytes`, or one that is not a regular file, is
 * not parsed.
 */
import { join } from "node:path";
import type { ts } from "ts-morph";
import { readRegularFile } from "../files/read.js";
import { parseSource } from "./parse.js";
import type { SpecifierResolver } from "./resolve.js";
import type { HelperLoader } from "./transactions.js";

/**
 * Parses the module at `path` (repository-relative), or `undefined` when it
 * does not exist, is not a regular file, or is larger than `maxBytes`.
 */
export function readModule(root: string, path: string, maxBytes: number): ts.SourceFile | undefined {
  const read = readRegularFile(join(root, path), maxBytes, "limits.analyse_bytes");
  return read.kind === "text" ? parseSource(path, read.text) : undefined;
}

/** A {@link HelperLoader} for the module at `path`: follows its specifiers to files of the repository (up to `maxBytes` each). */
export function helperLoader(root: string, resolver: SpecifierResolver, path: string, maxBytes: number): HelperLoader {
  return (specifier) => {
    const target = resolver.resolve(specifier, path);
    if (target.kind !== "internal") return undefined;
    const source = readModule(root, target.path, maxBytes);
    return source ? { path: target.path, source } : undefined;
  };
}
