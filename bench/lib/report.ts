/**
 * Printing benchmark figures: aligned tables for people and `RESULT` lines for tools.
 */

/**
 * The unit of a figure: latencies in `ms`, ratios in `x`, throughput in
 * `ops/s` or `rows/s`, memory in `MiB`, disk sizes in `MB` (10^6 bytes, as npm
 * reports them), counts in `rows`, `files`, `violations`, `packages`, `claims` or `statements`.
 */
export type Unit = "ms" | "x" | "ops/s" | "rows/s" | "rows" | "MiB" | "MB" | "files" | "violations" | "packages" | "claims" | "statements";

/** One measured figure. */
export interface Figure {
  /** A stable name in snake case, e.g. `check_hit_p50`. */
  readonly name: string;
  /** The value, in `unit`. */
  readonly value: number;
  /** The unit of `value`. */
  readonly unit: Unit;
}

/** A target a benchmark measures, and whether it was met. */
export interface Verdict {
  /** What the target says, e.g. `whole check <= 1.1x dependency-cruiser`. */
  readonly target: string;
  /** The measured value, formatted. */
  readonly value: string;
  readonly pass: boolean;
}

/** Prints one `TARGET PASS|MISS <target>: <value>` line per verdict, in order. */
export function printVerdicts(verdicts: readonly Verdict[]): void {
  for (const verdict of verdicts) console.log(`TARGET ${verdict.pass ? "PASS" : "MISS"} ${verdict.target}: ${verdict.value}`);
}

/** Formats a number: integers as they are, others with three decimals below 100, fewer above. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  if (Math.abs(value) >= 100) return value.toFixed(1);
  return value.toFixed(3);
}

/** The machine-readable line of a figure: `RESULT <name> <value> <unit>`. */
export function resultLine(figure: Figure): string {
  return `RESULT ${figure.name} ${formatNumber(figure.value)} ${figure.unit}`;
}

/** Prints one `RESULT` line per figure, in order. */
export function printResults(figures: readonly Figure[]): void {
  for (const figure of figures) console.log(resultLine(figure));
}

/**
 * Formats rows as a Markdown table, with columns padded to align in a terminal.
 * @param headers - the column titles.
 * @param rows - the cells, one array per row, as many cells as headers.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string => `| ${widths.map((width, column) => (cells[column] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(headers), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
