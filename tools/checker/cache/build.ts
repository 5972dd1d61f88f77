/**
 * The hash of the checker's own code, part of every cache key: a run whose
 * checker differs from the one that wrote the cache misses, so upgrading or
 * editing spine-check never serves old verdicts.
 *
 * - Run from the bundle `launch.mjs` builds, the code lives in
 *   `checker-<hash>/`, where `<hash>` already is the hash of the sources.
 * - Run from the sources (tsx, the tests), it is the same hash computed here:
 *   every `.ts` file under `tools/checker/`, by relative path and content, as
 *   `launch.mjs` computes it, so both share one cache.
 * - Run from the compiled package (`dist/tools/checker/`), it is the hash of
 *   the compiled `.js` files.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { walkFiles } from "../files/walk.js";
import { hashOf } from "./hash.js";

/** The name of a bundle folder `launch.mjs` writes: `checker-` and the sources' hash. */
const BUNDLE_FOLDER = /^checker-([0-9a-f]{40})$/;

/**
 * Hashes the checker's code files under `root` (the `tools/checker` folder),
 * as `launch.mjs` does: each file's relative path and content, sorted by path.
 * @param extension - `.ts` for the sources, `.js` for the compiled package.
 */
export function hashCheckerFiles(root: string, extension: ".ts" | ".js"): string {
  const files = walkFiles(root, "", { accept: (path) => path.endsWith(extension) && !path.endsWith(".d.ts") });
  return hashOf(...files.flatMap((path) => [path, readFileSync(join(root, path))]));
}

let memo: string | undefined;

/** The hash of the running checker's code (computed once per process). */
export function checkerBuildHash(): string {
  if (memo !== undefined) return memo;
  const file = fileURLToPath(import.meta.url);
  const bundle = BUNDLE_FOLDER.exec(basename(dirname(file)));
  if (bundle?.[1] !== undefined) return (memo = bundle[1]);
  const root = dirname(dirname(file));
  return (memo = hashCheckerFiles(root, file.endsWith(".ts") ? ".ts" : ".js"));
}
