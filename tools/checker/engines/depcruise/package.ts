/**
 * Where the installed dependency-cruiser is, found as Node resolves it from
 * the checker, without loading it.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The path of the installed dependency-cruiser's `package.json`, or `undefined` when none is installed. */
export function depcruiseManifest(): string | undefined {
  const folders = createRequire(import.meta.url).resolve.paths("dependency-cruiser") ?? [];
  return folders.map((folder) => join(folder, "dependency-cruiser/package.json")).find((manifest) => existsSync(manifest));
}
