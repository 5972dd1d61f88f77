/**
 * Smoke test of `npm run bench:driver`: runs the script with tiny sizes
 * against the test server and checks that it succeeds and prints every
 * figure. It asserts nothing about the figures' values: benchmarks are not
 * timed tests.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LATENCY_OPERATIONS } from "../../bench/driver/latency.js";
import { useTestDatabase } from "../support/database.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");
const database = useTestDatabase({ migrate: false });

const BASELINES = new Set(["select_1", "select_pk"]);
const EXPECTED = [
  ...LATENCY_OPERATIONS.flatMap((operation) => [
    `${operation}_p50 ms`,
    `${operation}_p99 ms`,
    ...(BASELINES.has(operation) ? [] : [`${operation}_p50_ratio x`, `${operation}_p99_ratio x`]),
  ]),
  "claim_throughput ops/s",
  "insert_throughput ops/s",
  "claim_vs_insert_time_ratio x",
  "contention_p50 ms",
  "contention_max ms",
  "contention_duplicate_rows rows",
  "contention_claims claims",
  "contention_statements statements",
  "contention_second_statement_claims claims",
  "contention_second_attempt_claims claims",
  "purge_deleted_rows rows",
  "purge_rows_per_second rows/s",
  "purge_longest_lock ms",
  "submit_run_statements statements",
  "submit_run_set_local_statements statements",
  "set_local_vs_startup_submit_p50_ratio x",
];

describe("npm run bench:driver", () => {
  it("runs with tiny sizes in its own scratch database and prints every RESULT", async () => {
    const { stdout } = await exec(
      process.execPath,
      ["--import", "tsx", "bench/driver.ts", "--rows", "2000", "--calls", "50", "--ops", "100", "--contenders", "20", "--repeats", "2"],
      { cwd: repository, env: { ...process.env, DATABASE_URL: database.url }, timeout: 120_000 },
    );
    const results = new Map(
      [...stdout.matchAll(/^RESULT (\S+) (\S+) (\S+)$/gm)].map(([, name, value, unit]) => [`${name} ${unit}`, Number(value)]),
    );
    expect([...results.keys()].sort()).toEqual([...EXPECTED].sort());
    for (const [name, value] of results) expect(Number.isFinite(value), name).toBe(true);
    expect(results.get("contention_duplicate_rows rows")).toBe(0);
    // One statement per claim, however the race went.
    expect(results.get("contention_statements statements")).toBe(results.get("contention_claims claims"));
    expect(results.get("contention_second_statement_claims claims")).toBe(0);
    expect(stdout).toMatch(/^TARGET PASS one statement per claim under contention: \d+ statements for \d+ claims \(\d+ needed a second attempt inside it\)$/m);
    // Issue 14's targets, each printed with its verdict (a value is not asserted).
    const targets = [...stdout.matchAll(/^TARGET (?:PASS|MISS) (\S+) p50 <= ([\d.]+)x select_pk: [\d.]+x$/gm)].map(([, operation, target]) => `${operation} ${target}`);
    expect(targets).toEqual([
      "check_hit 1.25",
      "check_miss 1.25",
      "check_expired 1.25",
      "claim_fresh 1.5",
      "claim_existing 1.5",
      "claim_expired 2",
      "claim_failed_rerun 2",
      "claim_lease_ended 2",
    ]);
    expect(results.get("purge_deleted_rows rows")).toBeGreaterThan(0);
    // The session timeouts in each BEGIN cost submitRun no statement, so no round trip.
    expect([results.get("submit_run_statements statements"), results.get("submit_run_set_local_statements statements")]).toEqual([3, 3]);
    expect(stdout).toMatch(/^TARGET PASS sessionTimeouts: "transaction" adds no statement to submitRun: 3 statements \(startup parameters: 3\)$/m);
    // Debian's servers report e.g. "15.18 (Debian 15.18-0+deb12u1)".
    expect(stdout).toMatch(/^machine: postgresql \d+\.\d+\b.* \(DATABASE_URL\)$/m);
    expect(stdout).toMatch(/^EXPLAIN \(ANALYZE, BUFFERS\): purge \(purgeRuns, one batch\)$/m);
    expect(stdout).not.toMatch(/Seq Scan on runs/);
  }, 180_000);
});
