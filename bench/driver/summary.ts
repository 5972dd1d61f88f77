/**
 * Turning the driver benchmark's measurements into tables, target verdicts
 * and `RESULT` figures.
 */
import { formatNumber, formatTable, type Figure, type Verdict } from "../lib/report.js";
import { summarize, type Summary } from "../lib/stats.js";
import { isSound, type ContentionRound } from "./contention.js";
import { LATENCY_DESCRIPTIONS, LATENCY_OPERATIONS, type LatencyOperation } from "./latency.js";
import type { PurgeMeasurement } from "./purge.js";
import type { SubmitStatements } from "./session-timeouts.js";
import type { Throughput } from "./throughput.js";

/** Everything the driver benchmark measured. */
export interface Measurements {
  readonly latency: Readonly<Record<LatencyOperation, Summary>>;
  readonly throughput: Throughput;
  readonly contention: readonly ContentionRound[];
  readonly purge: PurgeMeasurement;
  readonly submitStatements: SubmitStatements;
}

/** Rows a purge deleted per second of its wall time. */
export function purgeRowsPerSecond(purge: PurgeMeasurement): number {
  return purge.elapsedMs > 0 ? (purge.deleted * 1000) / purge.elapsedMs : 0;
}

const BASELINES: ReadonlySet<LatencyOperation> = new Set(["select_1", "select_pk"]);

/** Most `checkIdempotency` p50 may take, relative to the bare select by primary key. */
const CHECK_P50_TARGET = 1.25;
/** Most time per fresh `claimRun` may take, relative to a plain INSERT. */
const CLAIM_TIME_TARGET = 1.5;
/** Most a fresh claim's and a held key's claim p50 may take, relative to the select by primary key. */
const CLAIM_P50_TARGET = 1.5;
/** Most the p50 of a claim that supersedes a run may take, relative to the select by primary key. */
const SUPERSEDE_P50_TARGET = 2;
/** Most `submitRun`'s p50 with the timeouts in each BEGIN may take, relative to the timeouts as startup parameters. */
const SET_LOCAL_P50_TARGET = 1.1;

function ratio(latency: Measurements["latency"], operation: LatencyOperation, field: "p50" | "p99"): number {
  return latency[operation][field] / latency.select_pk[field];
}

/** How many contention rounds left other than one row, or other than one `created: true`. */
export function duplicateRounds(contention: readonly ContentionRound[]): number {
  return contention.filter((round) => !isSound(round)).length;
}

interface ContentionFigures {
  readonly p50: number;
  readonly max: number;
  readonly extraRows: number;
  readonly claims: number;
  readonly multiStatementClaims: number;
  readonly statements: number;
  readonly secondAttemptClaims: number;
}

/** Times over the timed rounds; rows, claims and statements over every round, the warm-up included. */
function contentionFigures(contention: readonly ContentionRound[]): ContentionFigures {
  const times = summarize(contention.filter((round) => !round.warmup).map((round) => round.elapsedMs));
  const total = (count: (round: ContentionRound) => number): number => contention.reduce((sum, round) => sum + count(round), 0);
  return {
    p50: times.p50,
    max: times.max,
    extraRows: total((round) => Math.max(0, round.rows - 1)),
    claims: total((round) => round.claims),
    multiStatementClaims: total((round) => round.multiStatementClaims),
    statements: total((round) => round.statements),
    secondAttemptClaims: total((round) => round.secondAttemptClaims),
  };
}

/** The time-per-operation ratio of a fresh claim to a plain insert. */
function claimTimeRatio(throughput: Throughput): number {
  return throughput.insertOpsPerSecond / throughput.claimOpsPerSecond;
}

/** The latency table: each operation's p50 and p99, and its ratio to the select by primary key. */
export function latencyTable(latency: Measurements["latency"]): string {
  return formatTable(
    ["operation", "what", "p50 ms", "p99 ms", "p50 / select_pk", "p99 / select_pk"],
    LATENCY_OPERATIONS.map((operation) => {
      const summary = latency[operation];
      const ratios = BASELINES.has(operation)
        ? ["", ""]
        : [`${formatNumber(ratio(latency, operation, "p50"))}x`, `${formatNumber(ratio(latency, operation, "p99"))}x`];
      return [operation, LATENCY_DESCRIPTIONS[operation], formatNumber(summary.p50), formatNumber(summary.p99), ...ratios];
    }),
  );
}

/** The targets, each with its verdict. */
export function verdicts(measurements: Measurements): Verdict[] {
  const targets: [LatencyOperation, number][] = [
    ["check_hit", CHECK_P50_TARGET],
    ["check_miss", CHECK_P50_TARGET],
    ["check_expired", CHECK_P50_TARGET],
    ["claim_fresh", CLAIM_P50_TARGET],
    ["claim_existing", CLAIM_P50_TARGET],
    ["claim_expired", SUPERSEDE_P50_TARGET],
    ["claim_failed_rerun", SUPERSEDE_P50_TARGET],
    ["claim_lease_ended", SUPERSEDE_P50_TARGET],
  ];
  const claim = claimTimeRatio(measurements.throughput);
  const duplicates = duplicateRounds(measurements.contention);
  const contention = contentionFigures(measurements.contention);
  const setLocal = setLocalRatio(measurements.latency);
  const statements = measurements.submitStatements;
  return [
    ...targets.map(([operation, target]) => {
      const value = ratio(measurements.latency, operation, "p50");
      return { target: `${operation} p50 <= ${target}x select_pk`, value: `${formatNumber(value)}x`, pass: value <= target };
    }),
    { target: `claimRun time per op <= ${CLAIM_TIME_TARGET}x plain INSERT`, value: `${formatNumber(claim)}x`, pass: claim <= CLAIM_TIME_TARGET },
    { target: "no duplicate runs under contention", value: `${duplicates} bad rounds`, pass: duplicates === 0 },
    {
      target: "one statement per claim under contention",
      value: `${contention.statements} statements for ${contention.claims} claims (${contention.secondAttemptClaims} needed a second attempt inside it)`,
      pass: contention.multiStatementClaims === 0 && contention.statements === contention.claims,
    },
    {
      target: 'sessionTimeouts: "transaction" adds no statement to submitRun',
      value: `${statements.transaction} statements (startup parameters: ${statements.startup})`,
      pass: statements.transaction === statements.startup,
    },
    { target: `submit_run_set_local p50 <= ${SET_LOCAL_P50_TARGET}x submit_run`, value: `${formatNumber(setLocal)}x`, pass: setLocal <= SET_LOCAL_P50_TARGET },
  ];
}

/** The p50 ratio of `submitRun` with the timeouts in each BEGIN to `submitRun` with them as startup parameters. */
function setLocalRatio(latency: Measurements["latency"]): number {
  return latency.submit_run_set_local.p50 / latency.submit_run.p50;
}

/** Every figure, in the order of the `RESULT` lines. */
export function figures(measurements: Measurements): Figure[] {
  const { latency, throughput, contention, purge, submitStatements } = measurements;
  const result: Figure[] = [];
  for (const operation of LATENCY_OPERATIONS) {
    result.push({ name: `${operation}_p50`, value: latency[operation].p50, unit: "ms" });
    result.push({ name: `${operation}_p99`, value: latency[operation].p99, unit: "ms" });
    if (BASELINES.has(operation)) continue;
    result.push({ name: `${operation}_p50_ratio`, value: ratio(latency, operation, "p50"), unit: "x" });
    result.push({ name: `${operation}_p99_ratio`, value: ratio(latency, operation, "p99"), unit: "x" });
  }
  const summary = contentionFigures(contention);
  result.push(
    { name: "claim_throughput", value: throughput.claimOpsPerSecond, unit: "ops/s" },
    { name: "insert_throughput", value: throughput.insertOpsPerSecond, unit: "ops/s" },
    { name: "claim_vs_insert_time_ratio", value: claimTimeRatio(throughput), unit: "x" },
    { name: "contention_p50", value: summary.p50, unit: "ms" },
    { name: "contention_max", value: summary.max, unit: "ms" },
    { name: "contention_duplicate_rows", value: summary.extraRows, unit: "rows" },
    { name: "contention_claims", value: summary.claims, unit: "claims" },
    { name: "contention_statements", value: summary.statements, unit: "statements" },
    { name: "contention_second_statement_claims", value: summary.multiStatementClaims, unit: "claims" },
    { name: "contention_second_attempt_claims", value: summary.secondAttemptClaims, unit: "claims" },
    { name: "purge_deleted_rows", value: purge.deleted, unit: "rows" },
    { name: "purge_rows_per_second", value: purgeRowsPerSecond(purge), unit: "rows/s" },
    { name: "purge_longest_lock", value: purge.longestBatchMs, unit: "ms" },
    { name: "submit_run_statements", value: submitStatements.startup, unit: "statements" },
    { name: "submit_run_set_local_statements", value: submitStatements.transaction, unit: "statements" },
    { name: "set_local_vs_startup_submit_p50_ratio", value: setLocalRatio(latency), unit: "x" },
  );
  return result;
}
