/**
 * The evasion generator's variants, planted in copies of the base fixture:
 * every variant is caught by every engine that enforces its rule, every
 * clean twin passes, and docs/benchmarks.md shows the counts this run
 * produces (`npm run evasion -- --write` rewrites them).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../../../tools/checker/index.js";
import { generateVariants, GENERATORS } from "./generate.js";
import { countsTable, END, START } from "./report.js";
import { type EvasionOutcome, runEvasion } from "./run.js";

let outcome: EvasionOutcome;
beforeAll(async () => {
  outcome = await runEvasion();
}, 240_000);

describe("the evasion generator", () => {
  it("varies the forbidden forms of rules of the registry, with unique ids", () => {
    const variants = generateVariants();
    expect(new Set(variants.map((v) => v.id)).size).toBe(variants.length);
    const ids = RULES.map((rule) => rule.id);
    for (const rule of Object.keys(GENERATORS)) expect(ids).toContain(rule);
    expect(new Set(variants.map((v) => v.rule))).toEqual(new Set(Object.keys(GENERATORS)));
    for (const variant of variants) expect(variant.engines).toEqual(RULES.find((rule) => rule.id === variant.rule)?.engines);
  });

  it("every variant is caught by every engine that enforces its rule", () => {
    expect(outcome.verdicts.filter((v) => v.missedBy.length > 0).map((v) => `${v.variant.id} ${v.variant.form}: missed by ${v.missedBy.join(", ")}`)).toEqual([]);
    expect(outcome.runs["ts-morph"].variants).toEqual({ code: 1, stderr: "" });
    expect(outcome.runs.depcruise.variants).toEqual({ code: 1, stderr: "" });
  });

  it("every clean twin passes: both engines exit 0 on the copy of the twins", () => {
    expect(outcome.verdicts.flatMap((v) => v.twinViolations)).toEqual([]);
    expect(outcome.runs["ts-morph"].twins).toEqual({ code: 0, stderr: "", violations: 0 });
    expect(outcome.runs.depcruise.twins).toEqual({ code: 0, stderr: "", violations: 0 });
  });

  it("docs/benchmarks.md shows the counts of this run", () => {
    const document = readFileSync(resolve(import.meta.dirname, "../../../../docs/benchmarks.md"), "utf8");
    expect(document).toContain(`${START}\n${countsTable(outcome)}\n${END}`);
  });
});
