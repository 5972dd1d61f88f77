/**
 * Runs a check: the chosen engines on a repository, their findings merged,
 * then the policy stage (severities, suppressions, the baseline) applied
 * once to the merged findings, into one result. Never exits the process;
 * configuration errors are thrown as {@link CheckerConfigError}.
 */
import { isAbsolute, resolve } from "node:path";
import { startEngineChild } from "./engines/child.js";
import { preloadDependencyCruiser } from "./engines/depcruise/preload.js";
import { runDepcruiseEngine } from "./engines/depcruise/run.js";
import { mergeViolations } from "./engines/merge.js";
import { checkOpened, runTsMorphEngine } from "./engines/ts-morph.js";
import type { EngineResult } from "./engines/types.js";
import { pathInGitTree } from "./files/git-root.js";
import { packageInfo } from "./package-info.js";
import { applyPolicy, ranRule } from "./policy/apply.js";
import { updatedEntries } from "./policy/baseline.js";
import { DEFAULT_BASELINE, readBaselineFile, writeBaselineFile } from "./policy/baseline-file.js";
import type { ProgressListener } from "./progress/events.js";
import { type Configuration, configurationLikelyCached, loadConfiguration } from "./repository/configuration.js";
import { type RepositorySession, repositorySession } from "./repository/session.js";
import type { BaselineReport, CheckResult, EngineName, RuleInfo } from "./result.js";
import { RULES } from "./rules/registry.js";
import { sortWarnings } from "./warnings.js";
import { relativePosix } from "./files/posix.js";

/** `--engine`: one engine, or both (`all`). */
export type EngineChoice = EngineName | "all";

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** The repository to check. */
  readonly root: string;
  /** Which engines run (default `ts-morph`). */
  readonly engine?: EngineChoice;
  /** Use the cache (default true). */
  readonly cache?: boolean;
  /** The cache's folder (default: `node_modules/.cache/spine-check/` of the repository). */
  readonly cacheDir?: string;
  /** Rewrite the contracts' `exports` and `actual_imports` from the code before checking (the ts-morph engine does it). */
  readonly update?: boolean;
  /** The baseline file, absolute or relative to the repository (default: `baseline:` of the project file, else `contracts/baseline.yaml`). */
  readonly baseline?: string;
  /** Write the baseline from this run's violations before reporting. */
  readonly updateBaseline?: boolean;
  /** Told how far the run got. */
  readonly onProgress?: ProgressListener;
  /** Reports show failing violations only. */
  readonly quiet?: boolean;
  /** Print the stack trace of an internal error (the child of `all` gets `--debug` too). */
  readonly debug?: boolean;
  /** With one engine: save the cache as soon as the configuration is loaded, then call this (the child of `all` tells its parent). */
  readonly onConfigurationSaved?: () => void;
}

/** The engines' merged outcome and the configuration the policy reads. */
interface EnginesOutcome {
  readonly engines: readonly EngineName[];
  readonly result: EngineResult;
  readonly configuration: Configuration;
}

/** The options a child engine gets on its command line. */
function childArgs(options: CheckOptions): string[] {
  return [
    "--root",
    options.root,
    ...(options.cache === false ? ["--no-cache"] : []),
    ...(options.cacheDir === undefined ? [] : ["--cache-dir", resolve(options.cacheDir)]),
    ...(options.update === true ? ["--update"] : []),
    ...(options.debug === true ? ["--debug"] : []),
  ];
}

/**
 * Both engines: the ts-morph engine in a child process while
 * dependency-cruiser, the slower one, runs in this one (the child's memory
 * is freed as soon as it is done). The child starts first. With a cache
 * that holds no validated contracts yet, it saves those it loads, and this
 * process, which loads dependency-cruiser meanwhile, reads them from the
 * cache instead of parsing and validating every contract again; with a
 * cache that holds them, both processes read them at once. With `update`,
 * dependency-cruiser starts once the child has rewritten the contracts.
 */
async function runBoth(options: CheckOptions): Promise<EnginesOutcome> {
  const share = options.cache !== false && options.update !== true && !configurationLikelyCached(options);
  const child = startEngineChild("ts-morph", childArgs(options), { ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }), share });
  let configuration: Configuration;
  let depcruise: EngineResult;
  try {
    if (share) await Promise.all([preloadDependencyCruiser(), child.configurationSaved]);
    if (options.update === true) await child.result.catch(() => undefined);
    configuration = loadConfiguration(options);
    depcruise = await runDepcruiseEngine({ ...options, suppressions: false }, configuration);
  } catch (error) {
    child.stop();
    await child.result.catch(() => undefined);
    throw error;
  }
  const tsMorph = await child.result;
  return {
    engines: ["ts-morph", "depcruise"],
    result: {
      ...tsMorph,
      violations: mergeViolations(tsMorph.violations, depcruise.violations),
      warnings: [...tsMorph.warnings, ...depcruise.warnings],
    },
    configuration,
  };
}

/** Runs the chosen engines and merges their findings. */
async function runEngines(options: CheckOptions): Promise<EnginesOutcome> {
  const engine = options.engine ?? "ts-morph";
  if (engine === "all") return runBoth(options);
  const configuration = loadConfiguration(options);
  if (options.onConfigurationSaved !== undefined) {
    configuration.cache.save();
    options.onConfigurationSaved();
  }
  if (engine === "depcruise") return { engines: ["depcruise"], result: await runDepcruiseEngine(options, configuration), configuration };
  return { engines: ["ts-morph"], result: runTsMorphEngine(options, configuration), configuration };
}

/**
 * Runs one engine without the policy stage: the raw findings another
 * process (`--engine all`) merges with its own.
 */
export async function runEngineReport(options: CheckOptions & { readonly engine: EngineName }): Promise<EngineResult> {
  return (await runEngines(options)).result;
}

/** The baseline file of a run, relative to the repository root. */
function baselineFile(options: CheckOptions, configuration: Configuration): string {
  if (options.baseline === undefined) return configuration.project.data.baseline ?? DEFAULT_BASELINE;
  const absolute = isAbsolute(options.baseline) ? options.baseline : resolve(configuration.root, options.baseline);
  return relativePosix(configuration.root, absolute);
}

/** Runs the chosen engines on the repository at `options.root`, applies the policy and returns one result. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  return withPolicy(options, await runEngines(options), started);
}

/** A check that may be told which files changed since the previous one (see {@link watchCheck}). */
export type IncrementalCheck = (options: CheckOptions, changed?: ReadonlySet<string>) => Promise<CheckResult>;

/**
 * The checks of the watch loop: with the ts-morph engine alone and no
 * rewriting (`--update`, `--update-baseline`), the repository stays open
 * between checks and a check re-reads only the files that changed
 * (`repository/session.ts`); otherwise each check is {@link runCheck}. Each
 * returned function keeps its own repository: call it with the same options.
 */
export function watchCheck(): IncrementalCheck {
  let session: RepositorySession | undefined;
  let saving: NodeJS.Timeout | undefined;
  return async (options, changed) => {
    const incremental = (options.engine ?? "ts-morph") === "ts-morph" && options.update !== true && options.updateBaseline !== true;
    if (!incremental) return runCheck(options);
    const started = performance.now();
    session ??= repositorySession(options);
    const repository = session.open(changed);
    const result = withPolicy(options, { engines: ["ts-morph"], result: checkOpened(repository, [], "later"), configuration: repository }, started);
    // The cache is written once the loop has been idle for a while, not before the report (a later check of the same cache writes it then).
    clearTimeout(saving);
    const cache = repository.cache;
    saving = setTimeout(() => cache.save(), CACHE_SAVE_DELAY_MS).unref();
    return result;
  };
}

/** How long the watch loop waits after a check, idle, before it writes the cache. */
const CACHE_SAVE_DELAY_MS = 1000;

/** Applies the policy (severities, suppressions, the baseline) to the engines' outcome: the result of a check that began at `started`. */
function withPolicy(options: CheckOptions, { engines, result, configuration }: EnginesOutcome, started: number): CheckResult {
  const { root, severities } = configuration;
  const ran = (rule: Parameters<typeof ranRule>[0]): boolean => ranRule(rule, severities, engines);
  const file = baselineFile(options, configuration);
  let entries = readBaselineFile(root, file);
  const policyInput = { violations: result.violations, suppressions: result.suppressions, severities, engines };
  if (options.updateBaseline === true) {
    const current = applyPolicy(policyInput).violations.filter((violation) => violation.suppressed === undefined);
    entries = updatedEntries(current, entries, ran);
    writeBaselineFile(root, file, entries);
  }
  const outcome = applyPolicy({ ...policyInput, baseline: entries });
  const baseline: BaselineReport | undefined =
    options.updateBaseline === true || entries.length > 0 ? { file, known: outcome.known, stale: outcome.stale, written: options.updateBaseline === true } : undefined;
  const rules: RuleInfo[] = RULES.map(({ id, summary, help }) => ({ id, summary, help, level: severities.of(id) }));
  return {
    root: resolve(root),
    repositoryPath: pathInGitTree(resolve(root)),
    violations: outcome.violations,
    updated: result.updated,
    warnings: sortWarnings(result.warnings),
    engines,
    rules,
    ...(baseline === undefined ? {} : { baseline }),
    tool: packageInfo(),
    quiet: options.quiet === true,
    stats: { files: result.files, contracts: result.contracts, milliseconds: Math.round(performance.now() - started) },
  };
}
