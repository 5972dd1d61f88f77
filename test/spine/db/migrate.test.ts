import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../../../dev/database.js";
import { createDb, migrate, MIGRATIONS_TABLE } from "../../../spine/db/index.js";

const run = promisify(execFile);

async function describeSchema(url: string): Promise<{ columns: string[]; indexes: string[]; migrations: number; lockRows: number }> {
  const db = createDb(url);
  try {
    const columns = await db.raw<{ rows: { column_name: string; is_nullable: string; data_type: string }[] }>(
      "select column_name, is_nullable, data_type from information_schema.columns where table_name = 'runs' order by ordinal_position",
    );
    const indexes = await db.raw<{ rows: { indexdef: string }[] }>("select indexdef from pg_indexes where tablename = 'runs' order by indexname");
    const migrations = await db(MIGRATIONS_TABLE).count<{ count: string }[]>({ count: "*" });
    const lockRows = await db(`${MIGRATIONS_TABLE}_lock`).count<{ count: string }[]>({ count: "*" });
    return {
      columns: columns.rows.map((c) => `${c.column_name} ${c.data_type}${c.is_nullable === "YES" ? " null" : ""}`),
      indexes: indexes.rows.map((i) => i.indexdef.replace(/ ON public\./, " ON ")),
      migrations: Number(migrations[0]?.count),
      lockRows: Number(lockRows[0]?.count),
    };
  } finally {
    await db.destroy();
  }
}

const EXPECTED_COLUMNS = [
  "id uuid",
  "tenant_id text null",
  "agent_id text null",
  "idempotency_key text null",
  "request_fingerprint text null",
  "status text",
  "goal text null",
  "created_at timestamp with time zone",
  "updated_at timestamp with time zone",
  "superseded_at timestamp with time zone null",
  "tenant_scope text",
  "agent_scope text",
];

describe("migrate", () => {
  it("creates the runs table and is a no-op the second time", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    const db = createDb(scratch.url);
    try {
      await migrate(db);
      await migrate(db);
      const schema = await describeSchema(scratch.url);
      expect(schema.columns).toEqual(EXPECTED_COLUMNS);
      expect(schema.indexes).toEqual([
        "CREATE UNIQUE INDEX runs_live_idempotency_key ON runs USING btree (tenant_scope, agent_scope, idempotency_key) WHERE ((idempotency_key IS NOT NULL) AND (superseded_at IS NULL))",
        "CREATE UNIQUE INDEX runs_pkey ON runs USING btree (id)",
      ]);
      expect(schema.migrations).toBe(1);
      expect(schema.lockRows).toBe(1);
      const defaults = await db("runs").insert({ idempotency_key: "k" }).returning(["status", "created_at"]);
      expect(defaults[0]?.status).toBe("queued");
      await expect(db("runs").insert({ tenant_id: "" })).rejects.toMatchObject({ code: "23514" });
      await expect(db("runs").insert({ status: "cancelled" })).rejects.toMatchObject({ code: "23514" });
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });

  it("is safe from three processes at once", async () => {
    const scratch = await createScratchDatabase(inject("adminUrl"));
    try {
      const children = await Promise.all(
        [1, 2, 3].map(() => run(process.execPath, ["--import", "tsx", "test/support/migrate-child.ts", scratch.url], { timeout: 60_000 })),
      );
      expect(children.map((child) => child.stdout.trim())).toEqual(["migrated", "migrated", "migrated"]);
      const schema = await describeSchema(scratch.url);
      expect(schema.columns).toEqual(EXPECTED_COLUMNS);
      expect(schema.migrations).toBe(1);
      expect(schema.lockRows).toBe(1);
    } finally {
      await scratch.drop();
    }
  });
});
