/**
 * The evasion generator's counts as a Markdown table (per rule of the
 * registry: variants generated, caught by each engine that enforces the rule,
 * clean twins and twins that passed), and the section of docs/benchmarks.md
 * that holds it, between two markers.
 */
import type { EvasionOutcome } from "./run.js";
import type { Engine } from "./generate.js";

/** The markers around the generated table in docs/benchmarks.md. */
export const START = "<!-- evasion:start (npm run evasion -- --write) -->";
export const END = "<!-- evasion:end -->";

/** One row of counts. */
interface Counts {
  variants: number;
  caught: Record<Engine, number>;
  applies: Record<Engine, number>;
  twins: number;
  twinsPassed: number;
}

function empty(): Counts {
  return { variants: 0, caught: { "ts-morph": 0, depcruise: 0 }, applies: { "ts-morph": 0, depcruise: 0 }, twins: 0, twinsPassed: 0 };
}

function cell(caught: number, applies: number): string {
  return applies === 0 ? "n/a" : `${caught} / ${applies}`;
}

/** The totals of an outcome: variants, caught by every engine that must catch them, twins, twins passed. */
export function totals(outcome: EvasionOutcome): { variants: number; caught: number; twins: number; twinsPassed: number } {
  return {
    variants: outcome.verdicts.length,
    caught: outcome.verdicts.filter((v) => v.missedBy.length === 0).length,
    twins: outcome.verdicts.length,
    twinsPassed: outcome.verdicts.filter((v) => v.twinViolations.length === 0).length,
  };
}

/** The table of counts, one row per rule, then the total. */
export function countsTable(outcome: EvasionOutcome): string {
  const rows = new Map<string, Counts>();
  const total = empty();
  for (const verdict of outcome.verdicts) {
    const row = rows.get(verdict.variant.rule) ?? empty();
    rows.set(verdict.variant.rule, row);
    for (const counts of [row, total]) {
      counts.variants++;
      for (const engine of verdict.variant.engines) {
        counts.applies[engine]++;
        if (!verdict.missedBy.includes(engine)) counts.caught[engine]++;
      }
      counts.twins++;
      if (verdict.twinViolations.length === 0) counts.twinsPassed++;
    }
  }
  const line = (name: string, c: Counts): string =>
    `| ${name} | ${c.variants} | ${cell(c.caught["ts-morph"], c.applies["ts-morph"])} | ${cell(c.caught.depcruise, c.applies.depcruise)} | ${c.twinsPassed} / ${c.twins} |`;
  const t = totals(outcome);
  return [
    "| Rule | Variants generated | Caught by ts-morph | Caught by dependency-cruiser | Clean twins passed |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...[...rows].map(([rule, counts]) => line(`\`${rule}\``, counts)),
    line("**all**", total),
    "",
    `${t.variants} variants generated, ${t.caught} caught by every engine that enforces their rule, ${t.twinsPassed} of ${t.twins} clean twins passed.`,
  ].join("\n");
}

/** `document` with the text between the markers replaced by `table`. */
export function withTable(document: string, table: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${START} … ${END} section`);
  return `${document.slice(0, start + START.length)}\n${table}\n${document.slice(end)}`;
}
