/**
 * Loads a CommonJS file with a V8 code cache, as Node 22's
 * `module.enableCompileCache()` does (Node 20 lacks it): compiling
 * TypeScript's 9 MB `typescript.js` takes about half of loading it. The
 * module is registered in `require.cache`, so a later `require` of the same
 * file (ts-morph's) gets the same instance. V8 checks the cache against the
 * source and its own version and ignores a cache that does not match, so a
 * stale or corrupt cache costs only time.
 */
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { Module, createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { Script } from "node:vm";

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written only costs speed on the next run.
  }
}

/**
 * Reads a JavaScript source. An ASCII file (TypeScript's is) is decoded as
 * Latin-1, which yields the same text as UTF-8 for ASCII but builds V8's
 * one-byte string directly: for TypeScript's 9 MB that is several times
 * faster than UTF-8 decoding.
 */
function readSource(filename: string): string {
  const bytes = readFileSync(filename);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * Requires the CommonJS file `filename` (absolute), compiling it with the
 * code cache in `cacheFile` and writing that cache when it was missing or
 * rejected. Returns the module's exports.
 */
export function requireWithCodeCache(filename: string, cacheFile: string): unknown {
  const requireThere = createRequire(filename);
  const loaded = requireThere.cache[filename];
  if (loaded !== undefined) return loaded.exports;
  const cachedData = readCache(cacheFile);
  const script = new Script(Module.wrap(readSource(filename)), { filename, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(filename);
  module.filename = filename;
  module.paths = requireThere.resolve.paths("x") ?? [];
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  wrapper.call(module.exports, module.exports, requireThere, module, filename, dirname(filename));
  module.loaded = true;
  requireThere.cache[filename] = module;
  if (cachedData === undefined || script.cachedDataRejected === true) writeCache(cacheFile, script.createCachedData());
  return module.exports;
}

/**
 * The part of a cache file's name that stands for the process's Node
 * options: V8 rejects a code cache made under other flags, so processes
 * started with different options (`--engine all` and its child, see
 * `engines/child-v8.ts`) each keep their own instead of rewriting one
 * another's on every run.
 */
function optionsTag(execArgv: readonly string[]): string {
  return execArgv.length === 0 ? "" : `-${createHash("sha1").update(execArgv.join("\u0000")).digest("hex").slice(0, 12)}`;
}

/**
 * Where {@link requireWithCodeCache} keeps the cache named `name` of the
 * installed file `filename`: `node_modules/.cache/spine-check/` of the
 * `node_modules` folder it is installed in (beside it otherwise), one file
 * per Node version, architecture and set of Node options (`execArgv`).
 */
export function codeCacheFile(filename: string, name: string, execArgv: readonly string[] = process.execArgv): string {
  const marker = `${sep}node_modules${sep}`;
  const at = filename.lastIndexOf(marker);
  const base = at < 0 ? dirname(filename) : filename.slice(0, at + marker.length - 1);
  return join(base, ".cache", "spine-check", `${name}-${process.version}-${process.arch}${optionsTag(execArgv)}.v8cache`);
}
