/**
 * The benchmark helpers that decide figures and verdicts: percentiles,
 * option parsing, and the duplicate check of the contention rounds.
 */
import { describe, expect, it } from "vitest";
import { duplicateRounds } from "../../bench/driver/summary.js";
import { parseIntegerOptions } from "../../bench/lib/args.js";
import { formatNumber, formatTable, resultLine } from "../../bench/lib/report.js";
import { percentile, summarize } from "../../bench/lib/stats.js";
import { runConcurrently } from "../../bench/lib/timing.js";

describe("percentile and summarize", () => {
  it("use the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summarize(samples)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
  });

  it("refuse no samples and percentiles out of range", () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("runConcurrently", () => {
  it("calls every index once with at most `concurrency` calls in flight", async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await runConcurrently(20, 3, async (index) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(index);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(most).toBe(3);
  });

  it("starts no new call after a failure and rejects with it", async () => {
    const started: number[] = [];
    const batch = runConcurrently(20, 2, async (index) => {
      started.push(index);
      if (index === 1) throw new Error("boom");
    });
    await expect(batch).rejects.toThrow("boom");
    expect(started.length).toBeLessThan(20);
  });
});

describe("parseIntegerOptions", () => {
  it("overrides the defaults given", () => {
    expect(parseIntegerOptions(["--rows", "20"], { rows: 1_000, calls: 5 })).toEqual({ rows: 20, calls: 5 });
  });

  it("rejects unknown options and values that are not positive integers", () => {
    expect(() => parseIntegerOptions(["--row", "20"], { rows: 1 })).toThrow();
    expect(() => parseIntegerOptions(["--rows", "0"], { rows: 1 })).toThrow(RangeError);
    expect(() => parseIntegerOptions(["--rows", "1.5"], { rows: 1 })).toThrow(RangeError);
  });
});

describe("report", () => {
  it("prints RESULT lines and aligned tables", () => {
    expect(resultLine({ name: "check_hit_p50", value: 0.4567, unit: "ms" })).toBe("RESULT check_hit_p50 0.457 ms");
    expect(formatNumber(0)).toBe("0");
    expect(formatTable(["a", "bb"], [["1", "2"]])).toBe("| a | bb |\n|---|----|\n| 1 | 2  |");
  });
});

describe("duplicateRounds", () => {
  const round = { warmup: false, elapsedMs: 1, created: 1, rows: 1, claims: 1, multiStatementClaims: 0, statements: 1, secondAttemptClaims: 0 };

  it("counts rounds with more than one row or other than one created claim, warm-up included", () => {
    expect(duplicateRounds([round, round])).toBe(0);
    expect(duplicateRounds([{ ...round, warmup: true, rows: 2 }, { ...round, created: 2 }, { ...round, created: 0 }])).toBe(3);
  });
});
