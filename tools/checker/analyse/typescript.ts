/**
 * Loads TypeScript and ts-morph on first use, with `require`, so that a run
 * whose every result comes from the cache loads neither (loading them
 * takes most of a warm run otherwise). TypeScript is the copy ts-morph
 * bundles, so syntax trees and the type checker come from one compiler.
 * Its version is checked when it is loaded, and it is compiled with a V8
 * code cache (see `code-cache.ts`), as are ts-morph and its 3 MB
 * `@ts-morph/common`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ts } from "ts-morph";
import { assertSupportedVersion } from "../guards.js";
import { codeCacheFile, requireWithCodeCache } from "./code-cache.js";

/** The TypeScript compiler API. */
export type TypeScript = typeof ts;

/** The ts-morph module. */
export type TsMorph = typeof import("ts-morph");

const requireHere = createRequire(import.meta.url);
let loadedTs: TypeScript | undefined;
let loadedMorph: TsMorph | undefined;

/** Resolves modules the way ts-morph does, from its own folder. */
function requireFromTsMorph(): NodeJS.Require {
  return createRequire(requireHere.resolve("ts-morph"));
}

/**
 * The TypeScript compiler that ts-morph bundles, loaded on the first call.
 * @throws {CheckerConfigError} when it is TypeScript 7 or newer.
 */
export function typescript(): TypeScript {
  if (loadedTs === undefined) {
    const filename = requireFromTsMorph().resolve("@ts-morph/common/dist/typescript.js");
    const compiler = requireWithCodeCache(filename, codeCacheFile(filename, "typescript")) as TypeScript;
    assertSupportedVersion("ts-morph's bundled TypeScript", compiler.version);
    loadedTs = compiler;
  }
  return loadedTs;
}

/**
 * ts-morph, loaded on the first call (after its TypeScript has been
 * checked). Its `@ts-morph/common` is loaded first, with the code cache, so
 * that ts-morph's own `require` finds it loaded.
 */
export function tsMorph(): TsMorph {
  if (loadedMorph === undefined) {
    typescript();
    const filename = requireHere.resolve("ts-morph");
    const common = requireFromTsMorph().resolve("@ts-morph/common");
    requireWithCodeCache(common, codeCacheFile(common, "ts-morph-common"));
    loadedMorph = requireWithCodeCache(filename, codeCacheFile(filename, "ts-morph")) as TsMorph;
  }
  return loadedMorph;
}

/** The version of the installed ts-morph package, read without loading it (part of the cache keys). */
export function tsMorphVersion(): string {
  const manifest = requireFromTsMorph().resolve("ts-morph/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}
