/**
 * Runs dependency-cruiser on a repository's scanned files with the
 * configuration built from its contracts, and refuses to pass when it
 * cruised nothing (as it does under TypeScript 7). dependency-cruiser is
 * loaded on first use: loading it takes seconds, and most importers of this
 * module (the ts-morph engine, the docs) never cruise. A file over
 * `limits.parse_bytes`, and one dependency-cruiser cannot analyse, is left
 * out, and a warning says so (see `failure.ts`).
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ICruiseOptions, ICruiseResult } from "dependency-cruiser";
import type { ParsedCommandLine } from "typescript";
import { assertNotEmpty } from "../../guards.js";
import { formatBytes } from "../../limits.js";
import type { Configuration } from "../../repository/configuration.js";
import { buildDepcruiseConfig, type DepcruiseConfiguration, depcruiseInput } from "./config.js";
import { preloadDepcruiseTypeScript } from "./preload.js";
import { depcruiseError, type UnanalysedFile, unanalysedFile } from "./failure.js";
import { parseTsconfig } from "./tsconfig.js";

/** The most files a cruise leaves out, one attempt each, before it gives up. */
const MAX_UNANALYSED = 20;

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

/** The scanned files over `limits.parse_bytes`, which dependency-cruiser would parse whole: left out, with the reason. */
function oversizedFiles(configuration: Configuration): UnanalysedFile[] {
  const max = configuration.project.data.limits.parse_bytes;
  return configuration.files.flatMap((file) => {
    const bytes = statSync(join(configuration.root, file), { throwIfNoEntry: false })?.size ?? 0;
    return bytes > max ? [{ file, reason: `${formatBytes(bytes)}, larger than limits.parse_bytes (${formatBytes(max)})` }] : [];
  });
}

/** A regular expression source that matches exactly `path`. */
function exactPath(path: string): string {
  return `^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

/**
 * The options with the files left out added to `doNotFollow`: a scanned file
 * that imports one still has that dependency, but dependency-cruiser never
 * parses it (leaving it out of the files to cruise is not enough: it
 * follows the imports to it).
 */
function notFollowing(options: ICruiseOptions, out: ReadonlySet<string>): ICruiseOptions {
  if (out.size === 0) return options;
  const given = options.doNotFollow;
  const rule = typeof given === "string" || Array.isArray(given) ? { path: given } : (given ?? {});
  const paths = rule.path === undefined ? [] : typeof rule.path === "string" ? [rule.path] : rule.path;
  return { ...options, doNotFollow: { ...rule, path: [...paths, ...[...out].map(exactPath)] } };
}

/**
 * The compiler options dependency-cruiser transpiles with.
 * @throws {CheckerConfigError} when TypeScript cannot read the tsconfig (see `tsconfig.ts`).
 */
async function transpileOptions(root: string, tsconfig: string | undefined): Promise<{ tsConfig?: ParsedCommandLine }> {
  if (tsconfig === undefined) return {};
  return { tsConfig: anchoredPaths(await parseTsconfig(root, tsconfig), tsconfig) };
}

/**
 * Cruises the scanned files of a loaded configuration with the contract
 * rules, leaving out the files it cannot analyse (each reported in the
 * configuration's warnings); fails when it cruised nothing.
 * @param depcruise - the configuration built for dependency-cruiser (built here when not given).
 * @throws {CheckerConfigError} when the tsconfig cannot be read or dependency-cruiser finds no module; see `failure.ts` for the others.
 */
export async function cruiseConfiguration(
  configuration: Configuration,
  depcruise: DepcruiseConfiguration = buildDepcruiseConfig(depcruiseInput(configuration)),
): Promise<Cruised> {
  const { root, tsconfig, files } = configuration;
  preloadDepcruiseTypeScript();
  const { cruise } = await import("dependency-cruiser");
  const options = depcruise.config.options ?? {};
  const transpile = await transpileOptions(root, tsconfig.resolution);
  const left = oversizedFiles(configuration);
  let outcome: Awaited<ReturnType<typeof cruise>>;
  for (;;) {
    const out = new Set(left.map((unanalysed) => unanalysed.file));
    try {
      outcome = await cruise(
        files.filter((file) => !out.has(file)),
        {
          ...notFollowing(options, out),
          ...(tsconfig.resolution === undefined ? {} : { tsConfig: { fileName: tsconfig.resolution } }),
          baseDir: root,
          validate: true,
          ruleSet: { forbidden: depcruise.config.forbidden ?? [] },
          outputType: "json",
        },
        depcruise.aliases.length === 0 ? {} : { alias: depcruise.aliases.map((alias) => ({ ...alias })) },
        transpile,
      );
      break;
    } catch (error) {
      const unanalysed = unanalysedFile(error);
      if (unanalysed === undefined || out.has(unanalysed.file) || left.length >= MAX_UNANALYSED) throw depcruiseError(error, root);
      left.push(unanalysed);
    }
  }
  for (const { file, reason } of left) configuration.warnings.push({ file, message: `not analysed by dependency-cruiser: ${reason}` });
  const result = typeof outcome.output === "string" ? (JSON.parse(outcome.output) as ICruiseResult) : outcome.output;
  assertNotEmpty(
    "modules (dependency-cruiser)",
    result.summary.totalCruised,
    "dependency-cruiser found no module: check the TypeScript version and contracts/project.yaml scan globs.",
  );
  return { result, configuration: depcruise };
}
