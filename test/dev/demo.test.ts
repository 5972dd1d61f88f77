/**
 * `npm run demo` does what the README shows: one run for five concurrent
 * submissions, replays marked as such, the worker's stored response replayed
 * once it finished, and a 422 for the key with another payload. Run on the
 * test server (DATABASE_URL), in a scratch database.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");
const database = useTestDatabase({ migrate: false });

it("prints the README's table: one created, replays of 201 then of the worker's 200, a 422", async () => {
  const { stdout } = await exec(process.execPath, ["--import", "tsx", "dev/demo.ts"], { cwd: repository, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
  const rows = [...stdout.matchAll(/^(#\d[^\n]*?)\s{2,}(\w+)\s+[0-9a-f-]{36}\s+(\S+)\s+(.+)$/gm)].map(([, request, decision, status, http]) => `${request?.trim()} | ${decision} | ${status} | ${http?.trim()}`);
  expect(rows).toEqual([
    "#1 concurrent | created | queued | 201",
    "#2 concurrent | replayed | queued | 201 (Idempotent-Replayed)",
    "#3 concurrent | replayed | queued | 201 (Idempotent-Replayed)",
    "#4 concurrent | replayed | queued | 201 (Idempotent-Replayed)",
    "#5 concurrent | replayed | queued | 201 (Idempotent-Replayed)",
    "#6 after the worker finished | replayed | succeeded | 200 (Idempotent-Replayed)",
    "#7 same payload, keys reordered | replayed | succeeded | 200 (Idempotent-Replayed)",
    "#8 same key, other payload | key_reused | - | 422 idempotency_key_reused",
  ]);
  expect(stdout).toMatch(/^Runs stored for this key: 1 \(5 concurrent requests, one run\)\.$/m);
  expect(stdout).toMatch(/^The replay's body, as the worker stored it: \{"runId":"[0-9a-f-]{36}","summary":"revenue up 4%"\}$/m);
}, 60_000);
