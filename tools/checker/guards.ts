/**
 * Guards against a run that passes without checking anything: no typescript
 * package, TypeScript 7 (whose packaging makes dependency-cruiser cruise
 * nothing), neither a layer rule nor a contract, zero files. The TypeScript bundled with ts-morph is checked when it is
 * loaded (see `analyse/typescript.ts`), so a run served from the cache does
 * not load it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { matcher } from "./contracts/glob.js";
import { PROJECT_FILE } from "./contracts/paths.js";
import type { ProjectData } from "./contracts/types.js";
import { CheckerConfigError } from "./errors.js";

/** The highest TypeScript major version the checker trusts. */
export const MAX_TYPESCRIPT_MAJOR = 6;

function majorOf(version: string): number {
  return Number.parseInt(version.split(".")[0] ?? "", 10);
}

/**
 * The version of the `typescript` package that `fromDir` (or, failing that,
 * the checker itself) resolves, or `undefined` when none is installed.
 */
export function installedTypeScriptVersion(fromDir: string): string | undefined {
  for (const base of [join(fromDir, "noop.js"), import.meta.url]) {
    try {
      const pkg = createRequire(base).resolve("typescript/package.json");
      return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
    } catch {
      // try the next base
    }
  }
  return undefined;
}

/**
 * Throws {@link CheckerConfigError} when `version` (of the TypeScript named
 * by `what`) is newer than {@link MAX_TYPESCRIPT_MAJOR}.
 */
export function assertSupportedVersion(what: string, version: string | undefined): void {
  if (version !== undefined && majorOf(version) > MAX_TYPESCRIPT_MAJOR) {
    throw new CheckerConfigError(
      `${what} is ${version}; the checker supports TypeScript ${MAX_TYPESCRIPT_MAJOR} and older (TypeScript 7 makes dependency-cruiser analyse nothing and pass). Install typescript@~6.`,
    );
  }
}

/** The refusal when the typescript package is not installed. */
export const TYPESCRIPT_MISSING =
  "the typescript package is not installed here, and spine-check refuses to run without it: dependency-cruiser reads tsconfig files and TypeScript sources through it. Install it: npm install --save-dev typescript@~6.0";

/**
 * Throws {@link CheckerConfigError} unless a typescript package is installed
 * (`version` is its version, or `undefined` when none resolves) and older
 * than TypeScript 7. Both engines refuse to run without it.
 */
export function assertTypeScriptPackage(version: string | undefined): asserts version is string {
  if (version === undefined) throw new CheckerConfigError(TYPESCRIPT_MISSING);
  assertSupportedVersion("the installed typescript package", version);
}

/** Throws {@link CheckerConfigError} when a run would check nothing. */
export function assertNotEmpty(what: string, count: number, hint: string): void {
  if (count === 0) throw new CheckerConfigError(`refusing to pass: zero ${what} analysed. ${hint}`);
}

/** How many uncontracted files a refusal names before it says "and N more". */
const NAMED_FILES = 10;

/**
 * Throws {@link CheckerConfigError} when the project has neither a layer rule
 * nor a contract: there is nothing to check. When the coverage globs match
 * scanned files (which all lack a contract then), the refusal names them.
 * @param sources - the scanned files.
 */
export function assertSomethingToCheck(project: ProjectData, contracts: number, sources: readonly string[]): void {
  if (project.layers.length > 0 || contracts > 0) return;
  const covered = matcher(project.coverage);
  const uncovered = sources.filter(covered);
  const advice = "Add a layer rule to contracts/project.yaml, or write a module's contract with `spine-check contract FILE`.";
  if (uncovered.length === 0) {
    throw new CheckerConfigError(`refusing to pass: nothing to check: ${PROJECT_FILE} has no layer rule and contracts/ has no contract. ${advice}`);
  }
  const named = uncovered.slice(0, NAMED_FILES).join(", ");
  const more = uncovered.length > NAMED_FILES ? ` and ${uncovered.length - NAMED_FILES} more` : "";
  throw new CheckerConfigError(
    `refusing to pass: no layer rule and no contract, and ${PROJECT_FILE}'s coverage (${project.coverage.join(", ")}) matches ${uncovered.length} file${uncovered.length === 1 ? "" : "s"} without a contract: ${named}${more}. Write their contracts with \`spine-check contract FILE\`, or change coverage.`,
  );
}
