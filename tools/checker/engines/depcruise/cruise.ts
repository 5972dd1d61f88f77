/**
 * Runs dependency-cruiser on a repository's scanned files with the
 * configuration built from its contracts, and refuses to pass when it
 * cruised nothing (as it does under TypeScript 7). dependency-cruiser is
 * loaded on first use: loading it takes seconds, and most importers of this
 * module (the ts-morph engine, the docs) never cruise.
 */
import { dirname } from "node:path";
import type { ICruiseResult } from "dependency-cruiser";
import type { ParsedCommandLine } from "typescript";
import { CheckerConfigError } from "../../errors.js";
import { assertNotEmpty } from "../../guards.js";
import type { Configuration } from "../../repository/configuration.js";
import { buildDepcruiseConfig, type DepcruiseConfiguration, depcruiseInput } from "./config.js";
import { parseTsconfig } from "./tsconfig.js";

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

/** dependency-cruiser's result and the configuration it ran with. */
export interface Cruised {
  readonly result: ICruiseResult;
  readonly configuration: DepcruiseConfiguration;
}

/**
 * Cruises the scanned files of a loaded configuration with the contract
 * rules; fails when it cruised nothing.
 * @throws {CheckerConfigError} when dependency-cruiser refuses to run or finds no module.
 */
export async function cruiseConfiguration(configuration: Configuration): Promise<Cruised> {
  const { root, tsconfig, files } = configuration;
  const [{ cruise }, parsed] = await Promise.all([
    import("dependency-cruiser"),
    tsconfig.resolution === undefined ? undefined : parseTsconfig(root, tsconfig.resolution),
  ]);
  const depcruise = buildDepcruiseConfig(depcruiseInput(configuration));
  const options = depcruise.config.options ?? {};
  const transpile = tsconfig.resolution === undefined || parsed === undefined ? {} : { tsConfig: anchoredPaths(parsed, tsconfig.resolution) };
  const outcome = await cruise(
    [...files],
    {
      ...options,
      ...(tsconfig.resolution === undefined ? {} : { tsConfig: { fileName: tsconfig.resolution } }),
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: depcruise.config.forbidden ?? [] },
      outputType: "json",
    },
    depcruise.aliases.length === 0 ? {} : { alias: depcruise.aliases.map((alias) => ({ ...alias })) },
    transpile,
  ).catch((error: unknown) => {
    throw new CheckerConfigError(`dependency-cruiser refused to run: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const result = typeof outcome.output === "string" ? (JSON.parse(outcome.output) as ICruiseResult) : outcome.output;
  assertNotEmpty(
    "modules (dependency-cruiser)",
    result.summary.totalCruised,
    "dependency-cruiser found no module: check the TypeScript version and contracts/project.yaml scan globs.",
  );
  return { result, configuration: depcruise };
}
