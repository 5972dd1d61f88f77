#!/usr/bin/env node
/**
 * Starts the checker's command line (`bin.ts`) without tsx: its TypeScript
 * sources are bundled once with esbuild into
 * `node_modules/.cache/spine-check/checker-<hash>/bin.mjs`, where `<hash>`
 * is the hash of every source, so a changed source makes a new bundle (the
 * checker reads `<hash>` back as its build hash, part of its cache keys:
 * see `cache/build.ts`).
 * Packages stay external, and each `import()` of the sources stays lazy (a
 * chunk of its own). tsx's loader hooks cost about half a second per process
 * and slow every import after; the npm scripts start the checker through
 * this file.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(here, "../../node_modules/.cache/spine-check");

/**
 * Every TypeScript source of the checker, relative to this folder with `/`,
 * sorted (the order and paths `cache/build.ts` hashes too).
 */
function sources() {
  return readdirSync(here, { recursive: true })
    .map((path) => String(path).split(sep).join("/"))
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))
    .sort();
}

/** Bundles of other source versions are deleted once they are this old (a run that uses one has long loaded it). */
const STALE_BUNDLE_MS = 60 * 60 * 1000;

/** Deletes the bundles of other source versions that are older than {@link STALE_BUNDLE_MS}. */
function pruneStaleBundles(current) {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (!name.startsWith("checker-") || path === current) continue;
    try {
      if (now - statSync(path).mtimeMs > STALE_BUNDLE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

/** The bundle of the current sources, built when it does not exist yet. */
async function bundle() {
  const hash = createHash("sha1");
  for (const file of sources()) hash.update(file).update("\0").update(readFileSync(join(here, file))).update("\0");
  const target = join(cacheDir, `checker-${hash.digest("hex")}`);
  const entry = join(target, "bin.mjs");
  if (existsSync(entry)) return entry;
  const { buildSync } = await import("esbuild");
  const temp = `${target}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [join(here, "bin.ts")],
    outdir: temp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  try {
    renameSync(temp, target);
  } catch (error) {
    // Another run built the same bundle first.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
  pruneStaleBundles(target);
  return entry;
}

/**
 * Reports a failure to build or load the bundle as bin.ts reports an
 * internal error (one line, the `bugs` URL of the spine-check package, the
 * stack trace with `--debug`) and exits with code 3.
 */
function internalError(error) {
  let url = "the spine-check package's bugs URL";
  try {
    url = JSON.parse(readFileSync(join(here, "../package.json"), "utf8")).bugs.url;
  } catch {
    // The line still says it is a bug.
  }
  const debug = process.argv.includes("--debug");
  const what = `${error?.name ?? "Error"}: ${String(error?.message ?? error).split("\n")[0]}`;
  process.stderr.write(
    `spine-check: internal error: cannot start the checker: ${what} (a bug of spine-check: please report it at ${url}${debug ? "" : "; run again with --debug for the stack trace"})\n${debug ? `${error?.stack ?? ""}\n` : ""}`,
  );
  process.exit(3);
}

let entry;
try {
  entry = await bundle();
} catch (error) {
  internalError(error);
}
await import(pathToFileURL(entry).href);
