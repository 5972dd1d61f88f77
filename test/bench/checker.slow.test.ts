/**
 * Smoke test of `npm run bench:checker`: runs the script on one tiny
 * synthetic repository and checks that it succeeds, prints every figure and
 * that the ts-morph report and the ESLint plugin's equal the planted
 * violations. It asserts nothing
 * about timings: benchmarks are not timed tests.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");

const FIGURES = [
  "files files",
  "whole_wall ms",
  "ts_morph_wall ms",
  "depcruise_wall ms",
  "warm_wall ms",
  "whole_warm_wall ms",
  "whole_peak MiB",
  "ts_morph_peak MiB",
  "depcruise_peak MiB",
  "warm_peak MiB",
  "whole_warm_peak MiB",
  "ts_morph_vs_depcruise x",
  "whole_vs_depcruise x",
  "warm_vs_cold x",
  "lint_first_file ms",
  "lint_file_p50 ms",
  "lint_edited_file_p50 ms",
  "watch_leaf ms",
  "watch_shared ms",
  "watch_leaf_vs_cold x",
  "watch_shared_vs_cold x",
  "whole_warm_vs_whole x",
  "planted violations",
  "missed violations",
  "unexpected violations",
];

describe("npm run bench:checker", () => {
  it("runs on a tiny repository, prints every RESULT and finds exactly the planted violations", async () => {
    const { stdout } = await exec(process.execPath, ["--import", "tsx", "bench/checker.ts", "--sizes", "60", "--repeats", "1"], {
      cwd: repository,
      timeout: 150_000,
    });
    const results = new Map(
      [...stdout.matchAll(/^RESULT (\S+) (\S+) (\S+)$/gm)].map(([, name, value, unit]) => [`${name} ${unit}`, Number(value)]),
    );
    expect([...results.keys()].sort()).toEqual(FIGURES.map((figure) => `size_60_${figure}`).sort());
    for (const [name, value] of results) expect(Number.isFinite(value), name).toBe(true);
    expect(results.get("size_60_planted violations")).toBe(8);
    expect(results.get("size_60_missed violations")).toBe(0);
    expect(results.get("size_60_unexpected violations")).toBe(0);
    expect(stdout).toMatch(/^TARGET PASS \d+ files: cold report equals the 8 planted violations/m);
    expect(stdout).toMatch(/^TARGET PASS \d+ files: the watch re-checks report nothing new or fixed, and as many violations as planted \(8\): 0 new, 0 fixed, 8 and 8 in all$/m);
    expect(stdout).toMatch(/^TARGET PASS \d+ files: ESLint's reports on \d+ files equal the planted violations there: 0 missed, 0 unexpected$/m);
  }, 180_000);
});
