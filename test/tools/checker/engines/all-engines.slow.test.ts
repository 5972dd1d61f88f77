/**
 * `--engine all` reports what the fast tier's `checkAllEngines` computes in
 * one process (each engine's report, merged by `mergeViolations`): on every
 * fixture case, a real `--engine all` run, with the ts-morph engine in a
 * child process, gives the same exit code, the same violations with the
 * engines that found each, and for a configuration error the same message
 * (slow tier, `npm run test:slow`).
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, checkAllEngines, FIXTURES, fixtureRepo, withEngines } from "../fixture.js";

/** Cases that are whole repositories rather than overlays of the base. */
const STANDALONE = new Set(["no-contracts", "no-files"]);

/** Every fixture case. */
const CASES = readdirSync(FIXTURES).filter((name) => name !== "base" && statSync(join(FIXTURES, name)).isDirectory());

describe("--engine all equals the merge of each engine's report", () => {
  it.each(CASES)("%s", async (name) => {
    const root = fixtureRepo(name, { standalone: STANDALONE.has(name) });
    const real = await check(root, ["--engine", "all"]);
    const merged = await checkAllEngines(root);
    const outcome = (run: typeof real): unknown => ({ code: run.code, violations: run.violations.map(withEngines), messages: run.violations.map((v) => v.message) });
    expect(outcome(real)).toEqual(outcome(merged));
    if (real.code === 2) expect(real.stderr).toBe(merged.stderr);
  });
});
