/**
 * `npm run demo`: the main job, end to end on a real PostgreSQL server (the
 * embedded one, or `DATABASE_URL`), through the package's public entry only.
 * It applies the schema, submits one request five times concurrently, lets a
 * worker do the run (keeping its lease) and store the response its client
 * gets on a replay, submits it again, and finally reuses the key with
 * another payload.
 */
import { randomUUID } from "node:crypto";
import { createDb, createIdempotency, migrate, type SubmitRunRequest, type SubmitRunResult } from "../spine/index.js";
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
  const replayed = result.replayed ? " (Idempotent-Replayed)" : "";
  return { request, decision: result.decision, runId: result.run.id, status: result.run.status, http: `${result.httpStatus}${replayed}` };
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
    const idempotency = createIdempotency({ db, leaseSeconds: 60 });

    const request: SubmitRunRequest = {
      idempotencyKey: `demo-${randomUUID()}`,
      tenantId: "tenant-a",
      agentId: "agent-x",
      payload: { goal: "summarise the quarterly report", priority: 1 },
      goal: "summarise the quarterly report",
    };
    console.log(`Tenant ${request.tenantId}, agent ${request.agentId}, one idempotency key\n`);

    const rows: Row[] = [];
    const concurrent = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => idempotency.submit(request)));
    concurrent.forEach((result, index) => rows.push(toRow(`#${index + 1} concurrent`, result)));

    const first = concurrent.find((result) => result.decision === "created");
    if (first === undefined || first.decision !== "created") throw new Error("no request created the run");
    // The worker: does the run while keeping its lease, then stores what a retry of the request gets.
    const summary = await idempotency.keepLease(first.run.id, async () => "revenue up 4%");
    await idempotency.complete(first.run.id, {
      status: "succeeded",
      response: { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ runId: first.run.id, summary }) },
    });
    const afterWorker = await idempotency.submit(request);
    rows.push(toRow("#6 after the worker finished", afterWorker));

    const reordered = { ...request, payload: { priority: 1, goal: "summarise the quarterly report" } };
    rows.push(toRow("#7 same payload, keys reordered", await idempotency.submit(reordered)));

    const otherPayload = { ...request, payload: { goal: "delete everything", priority: 9 } };
    rows.push(toRow("#8 same key, other payload", await idempotency.submit(otherPayload)));

    printTable(rows);
    if (afterWorker.decision === "replayed") console.log(`\nThe replay's body, as the worker stored it: ${afterWorker.response?.body ?? "(none)"}`);
    const count = await db("runs").where({ idempotency_key: request.idempotencyKey }).count<{ count: string }[]>({ count: "*" });
    console.log(`Runs stored for this key: ${count[0]?.count ?? "?"} (${CONCURRENT_REQUESTS} concurrent requests, one run).`);
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
