/**
 * Runs dependency-cruiser on a repository with the configuration built from
 * its contracts, and refuses to pass when it cruised nothing (as it does
 * under TypeScript 7).
 */
import { dirname, join, resolve } from "node:path";
import { cruise, format, type ICruiseResult } from "dependency-cruiser";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import type { ParsedCommandLine } from "typescript";
import { existsSync } from "node:fs";
import { CheckerConfigError } from "../errors.js";
import { assertNotEmpty, assertTypeScriptForDepcruise, installedTypeScriptVersion } from "../guards.js";
import { buildDepcruiseConfig } from "./config.js";

/** The outcome of a dependency-cruiser run. */
export interface DepcruiseOutcome {
  /** 0 clean, 1 violations. (Configuration problems are thrown.) */
  readonly exitCode: 0 | 1;
  /** dependency-cruiser's own `err-long` report. */
  readonly report: string;
  /** Modules cruised. */
  readonly modules: number;
  /** Rule violations of severity error. */
  readonly errors: number;
}

/**
 * dependency-cruiser resolves tsconfig `paths` from a baseUrl of `./` when the
 * tsconfig sets none, and its resolver plugin reads `./` from the process's
 * working folder, not the tsconfig's: with `--root` elsewhere, every alias is
 * unresolvable. Setting baseUrl to the tsconfig's folder makes the plugin read
 * `paths` relative to the tsconfig, as TypeScript does.
 */
function anchoredPaths(tsConfig: ParsedCommandLine, tsconfigPath: string): ParsedCommandLine {
  if (tsConfig.options.paths === undefined || tsConfig.options.baseUrl !== undefined) return tsConfig;
  return { ...tsConfig, options: { ...tsConfig.options, baseUrl: dirname(tsconfigPath) } };
}

/**
 * Cruises the repository at `root` with the contract rules and returns
 * dependency-cruiser's result; fails when it cruised nothing.
 * @throws {CheckerConfigError} without a supported typescript package, or when dependency-cruiser refuses to run or finds no module.
 */
export async function cruiseRepository(root: string): Promise<ICruiseResult> {
  const base = resolve(root);
  assertTypeScriptForDepcruise(installedTypeScriptVersion(base));
  const config = buildDepcruiseConfig(base);
  const options = config.options ?? {};
  const tsconfigName = options.tsConfig?.fileName;
  const tsconfigPath = tsconfigName === undefined ? undefined : join(base, tsconfigName);
  const transpile = tsconfigPath !== undefined && existsSync(tsconfigPath) ? { tsConfig: anchoredPaths(extractTSConfig(tsconfigPath), tsconfigPath) } : {};
  const result = await cruise(
    ["."],
    {
      ...options,
      ...(tsconfigPath !== undefined && existsSync(tsconfigPath) ? { tsConfig: { fileName: tsconfigPath } } : { tsConfig: undefined }),
      baseDir: base,
      validate: true,
      ruleSet: { forbidden: config.forbidden ?? [] },
      outputType: "json",
    },
    {},
    transpile,
  ).catch((error: unknown) => {
    throw new CheckerConfigError(`dependency-cruiser refused to run: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
  const cruised = typeof result.output === "string" ? (JSON.parse(result.output) as ICruiseResult) : result.output;
  assertNotEmpty(
    "modules (dependency-cruiser)",
    cruised.summary.totalCruised,
    "dependency-cruiser found no module: check the TypeScript version and contracts/project.yaml scan globs.",
  );
  return cruised;
}

/** Runs dependency-cruiser on the repository at `root`. */
export async function runDepcruise(root: string): Promise<DepcruiseOutcome> {
  const cruised = await cruiseRepository(root);
  const modules = cruised.summary.totalCruised;
  const report = await format(cruised, { outputType: "err-long" });
  const errors = cruised.summary.error;
  return { exitCode: errors > 0 ? 1 : 0, report: String(report.output), modules, errors };
}
