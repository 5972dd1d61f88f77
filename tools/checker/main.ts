/**
 * Runs a check: the chosen engines on a repository, their violations merged
 * into one result. Never exits the process; configuration errors are thrown
 * as {@link CheckerConfigError}.
 */
import { resolve } from "node:path";
import { startEngineChild } from "./engines/child.js";
import { runDepcruiseEngine, runDepcruiseOn } from "./engines/depcruise/run.js";
import { mergeViolations } from "./engines/merge.js";
import { runTsMorphEngine } from "./engines/ts-morph.js";
import type { EngineResult } from "./engines/types.js";
import { type CheckResult, type EngineName, type RuleInfo, sortViolations } from "./result.js";
import { loadConfiguration } from "./repository/configuration.js";
import { RULES } from "./rules/registry.js";
import { sortWarnings } from "./warnings.js";

/** `--engine`: one engine, or both (`all`). */
export type EngineChoice = EngineName | "all";

/** Options of {@link runCheck}. */
export interface CheckOptions {
  /** The repository to check. */
  readonly root: string;
  /** Which engines run (default `ts-morph`). */
  readonly engine?: EngineChoice;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
  /** Rewrite the contracts' `exports` and `actual_imports` from the code before checking (the ts-morph engine does it). */
  readonly update?: boolean;
  /** Print the stack trace of an internal error (the child of `all` gets `--debug` too). */
  readonly debug?: boolean;
}

/** The rule catalogue every result carries. */
const RULE_INFOS: readonly RuleInfo[] = RULES.map(({ id, summary, help }) => ({ id, summary, help }));

function resultOf(root: string, engines: readonly EngineName[], outcome: EngineResult, started: number): CheckResult {
  return {
    root: resolve(root),
    violations: sortViolations(outcome.violations),
    updated: outcome.updated,
    warnings: sortWarnings(outcome.warnings),
    engines,
    rules: RULE_INFOS,
    stats: { files: outcome.files, contracts: outcome.contracts, milliseconds: Math.round(performance.now() - started) },
  };
}

/**
 * Both engines: the ts-morph engine in a child process while
 * dependency-cruiser, the slower one, runs in this one (the child's memory
 * is freed as soon as it is done), then one merged result. With the cache,
 * the child starts once this process has loaded the configuration and saved
 * the validated contracts it shares with the child. With `update`,
 * dependency-cruiser starts once the child has rewritten the contracts.
 */
async function runBoth(options: CheckOptions, started: number): Promise<CheckResult> {
  const args = [
    "--root",
    options.root,
    ...(options.cache === false ? ["--no-cache"] : []),
    ...(options.update === true ? ["--update"] : []),
    ...(options.debug === true ? ["--debug"] : []),
  ];
  // With the cache, the configuration is loaded and its validated contracts saved before the child starts: the child reads them from the cache instead of parsing and validating every contract again.
  const early = options.cache !== false && options.update !== true;
  const configuration = early ? loadConfiguration(options) : undefined;
  configuration?.cache.save();
  const child = startEngineChild("ts-morph", args);
  if (options.update === true) await child.result.catch(() => undefined);
  let depcruise: EngineResult;
  try {
    depcruise = await runDepcruiseOn(configuration ?? loadConfiguration(options));
  } catch (error) {
    child.stop();
    await child.result.catch(() => undefined);
    throw error;
  }
  const tsMorph = await child.result;
  const both = { ...tsMorph, violations: mergeViolations(tsMorph.violations, depcruise.violations), warnings: [...tsMorph.warnings, ...depcruise.warnings] };
  return resultOf(options.root, ["ts-morph", "depcruise"], both, started);
}

/** Runs the chosen engines on the repository at `options.root` and returns one result. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const engine = options.engine ?? "ts-morph";
  if (engine === "all") return runBoth(options, started);
  if (engine === "depcruise") return resultOf(options.root, ["depcruise"], await runDepcruiseEngine(options), started);
  return resultOf(options.root, ["ts-morph"], runTsMorphEngine(options), started);
}
