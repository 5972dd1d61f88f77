/**
 * The per-file cost of the ESLint plugin on a synthetic repository: a child
 * process (`lint-child.ts`) lints a sample of its files one by one with real
 * ESLint, once as saved and once with an unsaved edit; the first file, which
 * opens the repository (through the warm cache of the runs before), is
 * counted apart. The sample is every file that holds a planted violation of
 * a rule the plugin reports, and evenly spaced files besides; what ESLint
 * reports in it must equal those planted violations exactly.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FILE_RULES, walkFiles } from "../../tools/checker/index.js";
import { summarize } from "../lib/stats.js";
import type { SyntheticRepository } from "./generate.js";
import type { LintChildOutput } from "./lint-child.js";
import { compareWithPlanted, type Comparison, type Located } from "./planted.js";
import { runMeasured } from "./process-tree.js";

/** Files linted per repository, at most. */
export const LINT_SAMPLE = 300;

/** What the per-file lint measured. */
export interface LintMeasurements {
  /** Files linted. */
  readonly files: number;
  /** Milliseconds for the first file (ESLint's configuration and the repository's opening). */
  readonly firstMs: number;
  /** Median milliseconds per further file, saved. */
  readonly savedP50: number;
  /** Median milliseconds per further file, with an unsaved edit. */
  readonly editedP50: number;
  /** The slowest further file, saved. */
  readonly savedMax: number;
  /** The slowest further file, with an unsaved edit. */
  readonly editedMax: number;
  /** ESLint's reports (saved and edited) against the planted violations of the sample. */
  readonly comparison: Comparison;
}

/** The sample: the files of planted file-rule violations, then evenly spaced others, up to {@link LINT_SAMPLE}. */
function sampleOf(synthetic: SyntheticRepository, planted: readonly Located[]): string[] {
  const sources = walkFiles(synthetic.root, "", { enter: (_path, name) => name !== "node_modules" && name !== "contracts", accept: (path) => path.endsWith(".ts") }).sort();
  const chosen = new Set(planted.map((violation) => violation.file));
  const step = Math.max(1, Math.floor(sources.length / Math.max(1, LINT_SAMPLE - chosen.size)));
  for (let i = 0; i < sources.length && chosen.size < LINT_SAMPLE; i += step) chosen.add(sources[i] as string);
  return [...chosen].sort();
}

/**
 * Lints a sample of the repository's files with ESLint and the plugin.
 * @param repository - this repository (where the plugin lives).
 * @param scratch - a folder for the list of files.
 */
export async function measureLint(repository: string, synthetic: SyntheticRepository, scratch: string): Promise<LintMeasurements> {
  const fileRules = new Set<string>(FILE_RULES);
  const plantedInFileRules = synthetic.planted.filter((violation) => fileRules.has(violation.ruleId));
  const files = sampleOf(synthetic, plantedInFileRules);
  const list = join(scratch, "lint-files.json");
  writeFileSync(list, JSON.stringify(files));
  const run = await runMeasured(process.execPath, ["--import", "tsx", "bench/checker/lint-child.ts", synthetic.root, list], repository);
  if (run.exitCode !== 0) throw new Error(`the ESLint child exited with ${String(run.exitCode)}:\n${run.stderr}`);
  const output = JSON.parse(run.stdout) as LintChildOutput;
  const inSample = new Set(files);
  const planted = plantedInFileRules.filter((violation) => inSample.has(violation.file));
  const saved = compareWithPlanted(planted, output.saved);
  const edited = compareWithPlanted(planted, output.edited);
  const savedStats = summarize(output.savedMs);
  const editedStats = summarize(output.editedMs);
  return {
    files: files.length,
    firstMs: output.firstMs,
    savedP50: savedStats.p50,
    editedP50: editedStats.p50,
    savedMax: savedStats.max,
    editedMax: editedStats.max,
    comparison: { missed: [...saved.missed, ...edited.missed], unexpected: [...saved.unexpected, ...edited.unexpected] },
  };
}
