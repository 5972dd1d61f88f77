/**
 * `npm run bench:driver`: the idempotency driver on real PostgreSQL (the
 * embedded server, or the server named by `DATABASE_URL`), in a scratch
 * database that is dropped afterwards.
 *
 * Seeds `runs` (1,000,000 rows over 1,000 tenants by default), then measures
 * interleaved single-call latency against two bare-query baselines, claim
 * throughput against a plain INSERT, concurrent claims of one key, and the
 * purge of the expired runs, what `sessionTimeouts: "transaction"` costs
 * `submitRun` (statements and latency), and explains the lookup, claim and purge
 * statements (a claim's inner statements through auto_explain). Ends with one `RESULT` line per
 * figure. Exits non-zero when a claim round created a duplicate run or a
 * driver statement scans `runs` sequentially; a missed target is only reported.
 *
 * Options: `--rows N` (seeded rows), `--calls N` (timed calls per operation),
 * `--ops N` (throughput operations per side), `--contenders N` (concurrent
 * claims of one key) and `--repeats N` (contention repetitions).
 */
import type { Knex } from "knex";
import { createScratchDatabase, openDevDatabase } from "../dev/database.js";
import { createDb, migrate } from "../spine/db/index.js";
import { parseIntegerOptions } from "./lib/args.js";
import { describeMachine, postgresVersion, printMachine } from "./lib/machine.js";
import { printResults, printVerdicts } from "./lib/report.js";
import { elapsedMs } from "./lib/timing.js";
import { isSound, measureContention } from "./driver/contention.js";
import { explainDriver } from "./driver/explain.js";
import { type LatencyPools, measureLatency } from "./driver/latency.js";
import { measurePurge } from "./driver/purge.js";
import { expiredRows, sampleIds, sampleInProgressIds, seedRuns, type Seed } from "./driver/seed.js";
import { measureSubmitStatements } from "./driver/session-timeouts.js";
import { figures, latencyTable, purgeRowsPerSecond, verdicts, type Measurements } from "./driver/summary.js";
import { measureThroughput, THROUGHPUT_CONCURRENCY } from "./driver/throughput.js";
import { runBenchmark } from "./lib/run.js";

const DEFAULTS = { rows: 1_000_000, calls: 5_000, ops: 10_000, contenders: 200, repeats: 20 };

/** The benchmark's sizes, from the command line. */
type Options = typeof DEFAULTS;

/** Largest pool for the contention rounds: fewer connections than contenders, so claims also queue for a connection. */
const CONTENTION_POOL = 50;

/**
 * Pooled connections may wait long under contention, and seeding runs for
 * longer than the default statement timeout (which also lifts the client's
 * query timeout); the defaults suit requests, not benchmarks.
 */
const BENCH_DB_OPTIONS = { acquireTimeoutMillis: 60_000, statementTimeoutMillis: 0 };

/** Prints the plans of the driver's statements and returns a failure for each that does not read `runs` through an index. */
async function checkPlans(db: Knex, url: string, seed: Seed): Promise<string[]> {
  const failures: string[] = [];
  for (const statement of await explainDriver(db, url, seed)) {
    console.log(`EXPLAIN (ANALYZE, BUFFERS): ${statement.name}\n${statement.sql}\n\n${statement.plan}\n`);
    if (statement.seqScan) failures.push(`${statement.name}: the plan scans runs sequentially`);
    if (!statement.indexScan) failures.push(`${statement.name}: the plan reads runs through no index`);
  }
  return failures;
}

/**
 * Runs every measurement in the (empty) database `url` and prints the report.
 * @returns the failures that must make the script exit non-zero.
 */
async function benchmark(url: string, serverLabel: string, options: Options): Promise<string[]> {
  const db = createDb(url, { ...BENCH_DB_OPTIONS, poolMax: THROUGHPUT_CONCURRENCY });
  const contentionPool = Math.min(CONTENTION_POOL, options.contenders);
  const contentionDb = createDb(url, { ...BENCH_DB_OPTIONS, poolMax: contentionPool });
  // submitRun with createDb's default timeouts, set both ways; one call at a time, so one connection each.
  const pools: LatencyPools = { db, startupTimeouts: createDb(url, { poolMax: 1 }), transactionTimeouts: createDb(url, { poolMax: 1, sessionTimeouts: "transaction" }) };
  try {
    await migrate(db);
    printMachine(describeMachine(), { postgresql: `${await postgresVersion(db)} (${serverLabel})` });
    console.log(`options: ${Object.entries(options).map(([name, value]) => `--${name} ${value}`).join(" ")}\n`);

    const seedStart = process.hrtime.bigint();
    const seed = await seedRuns(db, options.rows);
    console.log(`Seeded ${seed.rows} runs over ${seed.tenants} tenants in ${(elapsedMs(seedStart) / 1000).toFixed(1)} s (one INSERT … SELECT generate_series, then ANALYZE).\n`);

    const failures = await checkPlans(db, url, seed);

    const sampled = { ids: await sampleIds(db, 1_000), inProgressIds: await sampleInProgressIds(db, 1_000) };
    const warmup = Math.min(500, Math.ceil(options.calls / 10));
    console.log(`Latency: ${options.calls} timed calls per operation (after ${warmup} warm-up rounds), one at a time, interleaved, pool of ${THROUGHPUT_CONCURRENCY}.`);
    const latency = await measureLatency(pools, seed, sampled, { calls: options.calls, warmup });
    console.log(`${latencyTable(latency)}\n`);
    const submitStatements = await measureSubmitStatements(pools);
    console.log(`Statements per submitRun: ${submitStatements.startup} with the timeouts as startup parameters, ${submitStatements.transaction} with sessionTimeouts: "transaction".\n`);

    console.log(`Throughput: ${options.ops} fresh claims and ${options.ops} plain INSERTs, ${THROUGHPUT_CONCURRENCY} in flight, pool of ${THROUGHPUT_CONCURRENCY}.`);
    const throughput = await measureThroughput(db, seed, options.ops);
    console.log(`claimRun ${throughput.claimOpsPerSecond.toFixed(0)} ops/s, plain INSERT ${throughput.insertOpsPerSecond.toFixed(0)} ops/s.\n`);

    console.log(`Contention: ${options.contenders} concurrent claims of one key, each in its own transaction, pool of ${contentionPool}, ${options.repeats} times after one untimed warm-up.`);
    const contention = await measureContention(contentionDb, options);
    const [firstRound, ...timed] = contention;
    console.log(`All claims resolved in (ms): ${timed.map((round) => round.elapsedMs.toFixed(0)).join(", ")} (untimed warm-up: ${firstRound?.elapsedMs.toFixed(0) ?? "-"}).`);
    const claims = contention.reduce((sum, round) => sum + round.claims, 0);
    const second = contention.reduce((sum, round) => sum + round.multiStatementClaims, 0);
    const statements = contention.reduce((sum, round) => sum + round.statements, 0);
    const reread = contention.reduce((sum, round) => sum + round.secondAttemptClaims, 0);
    console.log(`Statements: ${statements} for ${claims} claims; ${second} claims sent more than one.`);
    console.log(`Second attempts: ${reread} of ${claims} claims read the key again inside their statement after a concurrent claim committed (per round: ${contention.map((round) => round.secondAttemptClaims).join(", ")}).\n`);
    for (const [index, round] of contention.entries()) {
      if (!isSound(round)) failures.push(`contention ${round.warmup ? "warm-up" : `round ${index}`}: ${round.rows} rows, ${round.created} claims created a run`);
    }

    const purge = await measurePurge(db);
    console.log(`Purge: ${purge.deleted} expired runs deleted in ${purge.batches} batches in ${purge.elapsedMs.toFixed(0)} ms (${purgeRowsPerSecond(purge).toFixed(0)} rows/s); longest batch ${purge.longestBatchMs.toFixed(1)} ms.\n`);
    if (purge.deleted !== expiredRows(seed)) failures.push(`purge: deleted ${purge.deleted} runs, expected the ${expiredRows(seed)} expired ones`);

    const measurements: Measurements = { latency, throughput, contention, purge, submitStatements };
    printVerdicts(verdicts(measurements));
    for (const failure of failures) console.error(`FAIL ${failure}`);
    console.log("");
    printResults(figures(measurements));
    return failures;
  } finally {
    await Promise.all([db.destroy(), contentionDb.destroy(), pools.startupTimeouts.destroy(), pools.transactionTimeouts.destroy()]);
  }
}

/** Runs the benchmark in a scratch database and returns the exit code: 1 when something failed. */
async function main(): Promise<number> {
  const options = parseIntegerOptions(process.argv.slice(2), DEFAULTS);
  const server = await openDevDatabase();
  try {
    const scratch = await createScratchDatabase(server.adminUrl, "spine_bench");
    try {
      const failures = await benchmark(scratch.url, server.kind === "embedded" ? "embedded server" : "DATABASE_URL", options);
      return failures.length > 0 ? 1 : 0;
    } finally {
      await scratch.drop();
    }
  } finally {
    await server.stop();
  }
}

runBenchmark(main);
