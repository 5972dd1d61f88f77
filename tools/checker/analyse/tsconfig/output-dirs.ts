/**
 * Where a tsconfig compiles its sources from and to: `rootDir`, `outDir`
 * and `declarationDir`, `extends` followed, each resolved against the
 * tsconfig that sets it (as TypeScript does). Read without TypeScript, for
 * mapping a workspace package's built files back to its sources.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isFile } from "../../files/exists.js";
import { extendedPath } from "./chain.js";
import { parseJsonc } from "./jsonc.js";

/** The compile folders of a tsconfig, absolute; `undefined` when not set anywhere in its chain. */
export interface OutputDirs {
  readonly rootDir?: string;
  readonly outDir?: string;
  readonly declarationDir?: string;
}

const KEYS = ["rootDir", "outDir", "declarationDir"] as const;

/**
 * Reads the compile folders of the tsconfig at `path` (absolute).
 * @param read - called with every tsconfig file read (for the cache key).
 */
export function readOutputDirs(path: string, read: (file: string) => void = () => undefined): OutputDirs {
  const found: { rootDir?: string; outDir?: string; declarationDir?: string } = {};
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !isFile(file)) return;
    seen.add(file);
    read(file);
    const json = parseJsonc(readFileSync(file, "utf8")) as { extends?: unknown; compilerOptions?: Record<string, unknown> } | undefined;
    const options = json?.compilerOptions ?? {};
    for (const key of KEYS) {
      const value = options[key];
      if (found[key] === undefined && typeof value === "string") found[key] = resolve(dirname(file), value);
    }
    const parents = typeof json?.extends === "string" ? [json.extends] : Array.isArray(json?.extends) ? json.extends : [];
    // Later entries of an `extends` list override earlier ones.
    for (const entry of [...parents].reverse()) {
      const target = typeof entry === "string" ? extendedPath(dirname(file), entry) : undefined;
      if (target !== undefined) visit(target);
    }
  };
  visit(path);
  return found;
}
