/**
 * `npm run demo`: the main job, end to end on a real PostgreSQL server (the
 * embedded one, or `DATABASE_URL`). It applies the schema, sends one request
 * several times concurrently, lets a worker finish the run, sends it again,
 * and finally reuses the key with another payload.
 */
import { randomUUID } from "node:crypto";
import { createDb, migrate } from "../spine/db/index.js";
import { redactKey, submitRun, type SubmitRunRequest, type SubmitRunResult } from "../spine/orchestrator/index.js";
import { DevDatabaseError, openDevDatabase } from "./database.js";

const CONCURRENT_REQUESTS = 5;

interface Row {
  readonly request: string;
  readonly decision: string;
  readonly runId: string;
  readonly status: string;
  readonly http: string;
}

function toRow(request: string, result: SubmitRunResult): Row {
  if (result.decision === "key_reused") {
    return { request, decision: result.decision, runId: result.runId, status: "-", http: `${result.httpStatus} ${result.error.code}` };
  }
  return { request, decision: result.decision, runId: result.run.id, status: result.run.status, http: String(result.httpStatus) };
}

function printTable(rows: readonly Row[]): void {
  const headers: Row = { request: "request", decision: "decision", runId: "run id", status: "status", http: "HTTP" };
  const columns = Object.keys(headers) as (keyof Row)[];
  const widths = columns.map((column) => Math.max(...[headers, ...rows].map((row) => row[column].length)));
  const line = (row: Row): string => columns.map((column, index) => row[column].padEnd(widths[index] ?? 0)).join("  ").trimEnd();
  console.log(line(headers));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const server = await openDevDatabase();
  const db = createDb(server.adminUrl);
  try {
    console.log(`PostgreSQL: ${server.kind === "embedded" ? "embedded server (no DATABASE_URL set)" : "DATABASE_URL"}`);
    await migrate(db);
    const version = await db.raw<{ rows: { server_version: string }[] }>("show server_version");
    console.log(`Server version ${version.rows[0]?.server_version ?? "?"}; schema applied.\n`);

    const request: SubmitRunRequest = {
      idempotencyKey: `demo-${randomUUID()}`,
      tenantId: "tenant-a",
      agentId: "agent-x",
      payload: { goal: "summarise the quarterly report", priority: 1 },
      goal: "summarise the quarterly report",
    };
    console.log(`Idempotency key ${redactKey(request.idempotencyKey)}, tenant ${request.tenantId}, agent ${request.agentId}\n`);

    const rows: Row[] = [];
    const concurrent = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => submitRun(db, request)));
    concurrent.forEach((result, index) => rows.push(toRow(`#${index + 1} concurrent`, result)));

    const first = concurrent.find((result) => result.decision === "created");
    if (first === undefined || first.decision !== "created") throw new Error("no request created the run");
    await db("runs").where({ id: first.run.id }).update({ status: "succeeded", updated_at: db.fn.now() });
    rows.push(toRow("#6 after the worker finished", await submitRun(db, request)));

    const reordered = { ...request, payload: { priority: 1, goal: "summarise the quarterly report" } };
    rows.push(toRow("#7 same payload, keys reordered", await submitRun(db, reordered)));

    const otherPayload = { ...request, payload: { goal: "delete everything", priority: 9 } };
    rows.push(toRow("#8 same key, other payload", await submitRun(db, otherPayload)));

    printTable(rows);
    const count = await db("runs").where({ idempotency_key: request.idempotencyKey }).count<{ count: string }[]>({ count: "*" });
    console.log(`\nRuns stored for this key: ${count[0]?.count ?? "?"} (${CONCURRENT_REQUESTS} concurrent requests, one run).`);
  } finally {
    await db.destroy();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  // A database that does not start is the reader's to fix: its message says how; a stack trace would bury it.
  console.error(error instanceof DevDatabaseError ? error.message : error);
  process.exitCode = 1;
});
