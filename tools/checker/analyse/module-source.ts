/**
 * Reads and parses one module of the repository, and loads the modules it
 * imports, for analyses that look one import away.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ts } from "ts-morph";
import { parseSource } from "./parse.js";
import type { SpecifierResolver } from "./resolve.js";
import type { HelperLoader } from "./transactions.js";

/** Parses the module at `path` (repository-relative), or `undefined` when it does not exist. */
export function readModule(root: string, path: string): ts.SourceFile | undefined {
  const abs = join(root, path);
  if (!existsSync(abs)) return undefined;
  return parseSource(path, readFileSync(abs, "utf8"));
}

/** A {@link HelperLoader} for the module at `path`: follows its specifiers to files of the repository. */
export function helperLoader(root: string, resolver: SpecifierResolver, path: string): HelperLoader {
  return (specifier) => {
    const target = resolver.resolve(specifier, path);
    if (target.kind !== "internal") return undefined;
    const source = readModule(root, target.path);
    return source ? { path: target.path, source } : undefined;
  };
}
