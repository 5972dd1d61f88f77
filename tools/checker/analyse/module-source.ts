/**
 * Reads and parses one module of the repository, for analyses that read
 * modules and the helpers they import (transaction control). A module over
 * `limits.analyse_bytes`, or one that is not a regular file, is not parsed.
 */
import { join } from "node:path";
import type { ts } from "ts-morph";
import { readRegularFile } from "../files/read.js";
import { parseSource } from "./parse.js";

/**
 * Parses the module at `path` (repository-relative), or `undefined` when it
 * does not exist, is not a regular file, or is larger than `maxBytes`.
 */
export function readModule(root: string, path: string, maxBytes: number): ts.SourceFile | undefined {
  const read = readRegularFile(join(root, path), maxBytes, "limits.analyse_bytes");
  return read.kind === "text" ? parseSource(path, read.text) : undefined;
}
