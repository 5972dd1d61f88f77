#!/usr/bin/env node
/**
 * Starts the checker's command line (`bin.ts`) without tsx: its TypeScript
 * sources are bundled once with esbuild into
 * `node_modules/.cache/spine-check/checker-<hash>/bin.mjs`, where `<hash>`
 * is the hash of every source, so a changed source makes a new bundle.
 * Packages stay external, and each `import()` of the sources stays lazy (a
 * chunk of its own). tsx's loader hooks cost about half a second per process
 * and slow every import after; the npm scripts start the checker through
 * this file.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(here, "../../node_modules/.cache/spine-check");

/** Every TypeScript source of the checker, sorted. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith(".ts") ? [path] : [];
    })
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
  for (const file of sources(here)) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
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

await import(pathToFileURL(await bundle()).href);
