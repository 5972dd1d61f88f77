/**
 * Loads the TypeScript that dependency-cruiser imports, before
 * dependency-cruiser does, through the checker's V8 code cache (see
 * `analyse/code-cache.ts`): dependency-cruiser's `import("typescript")` then
 * finds the module loaded in Node's CommonJS cache and does not compile its
 * 9 MB again (about a quarter of a second per run). It is the same file
 * dependency-cruiser would load, so nothing it does changes; when it cannot
 * be found or loaded here, dependency-cruiser loads it as it always does.
 * {@link preloadDependencyCruiser} loads dependency-cruiser itself too, for
 * a process that has time to spare before it cruises (`--engine all`
 * waiting for its child's configuration).
 */
import { createRequire } from "node:module";
import { codeCacheFile, requireWithCodeCache } from "../../analyse/code-cache.js";
import { depcruiseManifest } from "./package.js";

/** Loads the `typescript` package dependency-cruiser resolves, with the code cache (once per process). */
export function preloadDepcruiseTypeScript(): void {
  const manifest = depcruiseManifest();
  if (manifest === undefined) return;
  try {
    const filename = createRequire(manifest).resolve("typescript");
    requireWithCodeCache(filename, codeCacheFile(filename, "typescript-package"));
  } catch {
    // dependency-cruiser loads it itself (and reports what fails).
  }
}

/**
 * Loads dependency-cruiser and its TypeScript ahead of the cruise. Whatever
 * fails to load is left for the cruise to load again and report.
 */
export async function preloadDependencyCruiser(): Promise<void> {
  preloadDepcruiseTypeScript();
  await import("dependency-cruiser").catch(() => undefined);
}
