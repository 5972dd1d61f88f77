/**
 * Turning the boundary checker benchmark's measurements into a table,
 * target verdicts and `RESULT` figures.
 */
import { type Figure, formatNumber, formatTable, type Verdict } from "../lib/report.js";
import type { SizeMeasurements } from "./measure.js";
import { describeLocated } from "./planted.js";

/** Most the ts-morph tool may take, relative to dependency-cruiser alone. */
export const TS_MORPH_TARGET = 0.5;
/** Most the whole check may take, relative to dependency-cruiser alone (issue 14). */
export const WHOLE_TARGET = 1.1;
/** Most a warm whole check may take when nothing changed, relative to the cold whole check (issue 14). */
export const WHOLE_WARM_TARGET = 0.2;
/** Most the warm re-run may take, relative to the cold run of the ts-morph tool. */
export const WARM_TARGET = 0.3;

/** Most the ESLint plugin may take per file after the first, at the median, in milliseconds. */
export const LINT_FILE_TARGET_MS = 50;

/** Most a re-check of the watch loop may take, relative to the cold run of the ts-morph tool. */
export const WATCH_TARGET = 0.1;

/** The ratios the targets are about. */
export function ratios(m: SizeMeasurements): { tsMorph: number; whole: number; warm: number; wholeWarm: number } {
  return {
    wholeWarm: m.wholeWarm.wallMs / m.whole.wallMs,
    tsMorph: m.tsMorph.wallMs / m.depcruise.wallMs,
    whole: m.whole.wallMs / m.depcruise.wallMs,
    warm: m.warm.wallMs / m.tsMorph.wallMs,
  };
}

/** The table of one repository's runs: wall time, peak memory and ratio. */
export function runTable(m: SizeMeasurements): string {
  const r = ratios(m);
  const row = (run: string, figures: { wallMs: number; peakMiB: number }, ratio: string): string[] => [
    run,
    formatNumber(Math.round(figures.wallMs)),
    formatNumber(Math.round(figures.peakMiB)),
    ratio,
  ];
  return formatTable(
    ["run", `wall ms (median of ${m.repeats})`, "peak MiB (largest)", "ratio"],
    [
      row("dependency-cruiser alone", m.depcruise, ""),
      row("ts-morph tool alone, cold", m.tsMorph, `${formatNumber(r.tsMorph)}x dependency-cruiser`),
      row("whole check (both engines), cold", m.whole, `${formatNumber(r.whole)}x dependency-cruiser`),
      row("whole check, warm, nothing changed", m.wholeWarm, `${formatNumber(r.wholeWarm)}x cold whole check`),
      row("ts-morph tool, warm, one file changed", m.warm, `${formatNumber(r.warm)}x cold ts-morph`),
    ],
  );
}

/** The table of the watch loop's re-checks. */
export function watchTable(m: SizeMeasurements): string {
  const row = (run: string, check: SizeMeasurements["watch"]["leaf"]): string[] => [
    run,
    formatNumber(check.milliseconds),
    `${formatNumber(check.milliseconds / m.tsMorph.wallMs)}x cold ts-morph`,
    `${check.added} new, ${check.fixed} fixed, ${check.total} in all`,
  ];
  return formatTable(
    ["spine-check --watch, re-check", "ms", "ratio", "reported"],
    [row("after a one-line edit of a leaf file", m.watch.leaf), row("after a one-line edit of spine/db/index.ts (imported by most files)", m.watch.shared)],
  );
}

/** The table of the ESLint plugin's per-file cost. */
export function lintTable(m: SizeMeasurements): string {
  const ms = (value: number): string => formatNumber(Math.round(value * 10) / 10);
  return formatTable(
    [`ESLint plugin, ${m.lint.files} files one by one`, "first file ms", "median ms", "slowest ms"],
    [
      ["saved (text as on the disk)", ms(m.lint.firstMs), ms(m.lint.savedP50), ms(m.lint.savedMax)],
      ["unsaved edit (one line added)", "", ms(m.lint.editedP50), ms(m.lint.editedMax)],
    ],
  );
}

/** The targets for one repository, and whether every planted violation was found exactly. */
export function verdicts(m: SizeMeasurements): Verdict[] {
  const r = ratios(m);
  const exact = (what: string, c: SizeMeasurements["cold"]): Verdict => ({
    target: `${m.files} files: ${what} report equals the ${m.planted} planted violations`,
    value: `${c.missed.length} missed, ${c.unexpected.length} unexpected`,
    pass: c.missed.length === 0 && c.unexpected.length === 0,
  });
  return [
    { target: `${m.files} files: ts-morph tool <= ${TS_MORPH_TARGET}x dependency-cruiser`, value: `${formatNumber(r.tsMorph)}x`, pass: r.tsMorph <= TS_MORPH_TARGET },
    { target: `${m.files} files: whole check <= ${WHOLE_TARGET}x dependency-cruiser`, value: `${formatNumber(r.whole)}x`, pass: r.whole <= WHOLE_TARGET },
    { target: `${m.files} files: warm re-run <= ${WARM_TARGET}x cold`, value: `${formatNumber(r.warm)}x`, pass: r.warm <= WARM_TARGET },
    {
      target: `${m.files} files: whole check warm, nothing changed <= ${WHOLE_WARM_TARGET}x whole cold`,
      value: `${formatNumber(r.wholeWarm)}x`,
      pass: r.wholeWarm <= WHOLE_WARM_TARGET,
    },
    {
      target: `${m.files} files: warm whole report equals the cold whole report`,
      value: `${m.wholeWarmDiffered} of ${m.repeats} rounds differed`,
      pass: m.wholeWarmDiffered === 0,
    },
    exact("cold", m.cold),
    exact("warm", m.warmComparison),
    { target: `${m.files} files: ESLint plugin, one saved file after the first <= ${LINT_FILE_TARGET_MS} ms (median)`, value: `${formatNumber(m.lint.savedP50)} ms`, pass: m.lint.savedP50 <= LINT_FILE_TARGET_MS },
    { target: `${m.files} files: ESLint plugin, one edited file after the first <= ${LINT_FILE_TARGET_MS} ms (median)`, value: `${formatNumber(m.lint.editedP50)} ms`, pass: m.lint.editedP50 <= LINT_FILE_TARGET_MS },
    ...(["leaf", "shared"] as const).map((which) => {
      const check = m.watch[which];
      const ratio = check.milliseconds / m.tsMorph.wallMs;
      const what = which === "leaf" ? "a leaf edit" : "an edit of a file most files import";
      return { target: `${m.files} files: watch re-check after ${what} <= ${WATCH_TARGET}x cold ts-morph`, value: `${formatNumber(ratio)}x`, pass: ratio <= WATCH_TARGET };
    }),
    {
      target: `${m.files} files: the watch re-checks report nothing new or fixed, and as many violations as planted (${m.planted})`,
      value: `${m.watch.leaf.added + m.watch.shared.added} new, ${m.watch.leaf.fixed + m.watch.shared.fixed} fixed, ${m.watch.leaf.total} and ${m.watch.shared.total} in all`,
      pass: [m.watch.leaf, m.watch.shared].every((check) => check.added === 0 && check.fixed === 0 && check.total === m.planted),
    },
    {
      target: `${m.files} files: ESLint's reports on ${m.lint.files} files equal the planted violations there`,
      value: `${m.lint.comparison.missed.length} missed, ${m.lint.comparison.unexpected.length} unexpected`,
      pass: m.lint.comparison.missed.length === 0 && m.lint.comparison.unexpected.length === 0,
    },
  ];
}

/** Lines naming every missed and unexpected violation of one repository. */
export function mismatches(m: SizeMeasurements): string[] {
  const lines = (label: string, c: SizeMeasurements["cold"]): string[] => [
    ...c.missed.map((v) => `${label} missed: ${describeLocated(v)}`),
    ...c.unexpected.map((v) => `${label} unexpected: ${describeLocated(v)}`),
  ];
  const cache = m.wholeWarmDiffered === 0 ? [] : [`the warm whole report differed from the cold one in ${m.wholeWarmDiffered} of ${m.repeats} rounds`];
  return [...lines("cold", m.cold), ...lines("warm", m.warmComparison), ...lines("eslint", m.lint.comparison), ...cache];
}

/** Every figure of one repository, named with its size, in the order of the `RESULT` lines. */
export function figures(m: SizeMeasurements): Figure[] {
  const r = ratios(m);
  const p = `size_${m.size}`;
  return [
    { name: `${p}_files`, value: m.files, unit: "files" },
    { name: `${p}_whole_wall`, value: m.whole.wallMs, unit: "ms" },
    { name: `${p}_ts_morph_wall`, value: m.tsMorph.wallMs, unit: "ms" },
    { name: `${p}_depcruise_wall`, value: m.depcruise.wallMs, unit: "ms" },
    { name: `${p}_warm_wall`, value: m.warm.wallMs, unit: "ms" },
    { name: `${p}_whole_warm_wall`, value: m.wholeWarm.wallMs, unit: "ms" },
    { name: `${p}_whole_peak`, value: m.whole.peakMiB, unit: "MiB" },
    { name: `${p}_ts_morph_peak`, value: m.tsMorph.peakMiB, unit: "MiB" },
    { name: `${p}_depcruise_peak`, value: m.depcruise.peakMiB, unit: "MiB" },
    { name: `${p}_warm_peak`, value: m.warm.peakMiB, unit: "MiB" },
    { name: `${p}_whole_warm_peak`, value: m.wholeWarm.peakMiB, unit: "MiB" },
    { name: `${p}_ts_morph_vs_depcruise`, value: r.tsMorph, unit: "x" },
    { name: `${p}_whole_vs_depcruise`, value: r.whole, unit: "x" },
    { name: `${p}_warm_vs_cold`, value: r.warm, unit: "x" },
    { name: `${p}_lint_first_file`, value: m.lint.firstMs, unit: "ms" },
    { name: `${p}_lint_file_p50`, value: m.lint.savedP50, unit: "ms" },
    { name: `${p}_lint_edited_file_p50`, value: m.lint.editedP50, unit: "ms" },
    { name: `${p}_watch_leaf`, value: m.watch.leaf.milliseconds, unit: "ms" },
    { name: `${p}_watch_shared`, value: m.watch.shared.milliseconds, unit: "ms" },
    { name: `${p}_watch_leaf_vs_cold`, value: m.watch.leaf.milliseconds / m.tsMorph.wallMs, unit: "x" },
    { name: `${p}_watch_shared_vs_cold`, value: m.watch.shared.milliseconds / m.tsMorph.wallMs, unit: "x" },
    { name: `${p}_whole_warm_vs_whole`, value: r.wholeWarm, unit: "x" },
    { name: `${p}_planted`, value: m.planted, unit: "violations" },
    { name: `${p}_missed`, value: m.cold.missed.length + m.warmComparison.missed.length + m.lint.comparison.missed.length, unit: "violations" },
    { name: `${p}_unexpected`, value: m.cold.unexpected.length + m.warmComparison.unexpected.length + m.lint.comparison.unexpected.length, unit: "violations" },
  ];
}
