import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { Knex } from "knex";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase, findFreePort } from "../../../dev/database.js";
import { createDb, DEFAULT_PARTITIONS, migrate, MigrationError, MIGRATIONS_TABLE, type RunsLayout } from "../../../spine/db/index.js";
import { spineMigrations } from "../../../spine/db/migrate.js";
import { CREATE_RUNS_SQL } from "../../../spine/db/migrations/0001_create_runs.js";
import { CLAIM_FUNCTION_SQL } from "../../../spine/db/migrations/0004_claim_function.js";
import { FIND_FUNCTION_SQL } from "../../../spine/db/migrations/0005_find_function.js";
import { CLAIM_PROCEDURE_SQL } from "../../../spine/db/migrations/0006_claim_procedure.js";
import { STORED_RESPONSES_SQL } from "../../../spine/db/migrations/0007_stored_responses.js";
import { checkIdempotency, claimRun } from "../../../spine/drivers/idempotency.js";
import { SILENT_LOG } from "../../support/database.js";

const run = promisify(execFile);
const repository = resolve(import.meta.dirname, "../../..");

/** Runs `work` on a knex instance over a new scratch database, then drops both. */
async function withScratch<T>(work: (db: Knex, url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(inject("adminUrl"));
  const db = createDb(scratch.url);
  try {
    return await work(db, scratch.url);
  } finally {
    await db.destroy();
    await scratch.drop();
  }
}

interface Schema {
  readonly kind: string;
  readonly partitions: number;
  readonly columns: string[];
  readonly indexes: string[];
  readonly checks: string[];
  readonly migrations: string[];
  readonly lockRows: number;
}

async function describeSchema(db: Knex): Promise<Schema> {
  const kind = await db.raw<{ rows: { relkind: string }[] }>("select relkind from pg_class where oid = 'runs'::regclass");
  const partitions = await db.raw<{ rows: { count: number }[] }>("select count(*)::int as count from pg_inherits where inhparent = 'runs'::regclass");
  const columns = await db.raw<{ rows: { column_name: string; is_nullable: string; data_type: string; is_generated: string }[] }>(
    "select column_name, is_nullable, data_type, is_generated from information_schema.columns where table_name = 'runs' order by ordinal_position",
  );
  const indexes = await db.raw<{ rows: { indexdef: string }[] }>("select indexdef from pg_indexes where tablename = 'runs' order by indexname");
  const checks = await db.raw<{ rows: { conname: string }[] }>("select conname from pg_constraint where conrelid = 'runs'::regclass and contype = 'c' order by conname");
  const migrations = await db(MIGRATIONS_TABLE).orderBy("id").select<{ name: string }[]>("name");
  const lockRows = await db(`${MIGRATIONS_TABLE}_lock`).count<{ count: string }[]>({ count: "*" });
  return {
    kind: kind.rows[0]?.relkind === "p" ? "partitioned" : "plain",
    partitions: partitions.rows[0]?.count ?? 0,
    columns: columns.rows.map((c) => `${c.column_name} ${c.data_type}${c.is_nullable === "YES" ? " null" : ""}${c.is_generated === "ALWAYS" ? " generated" : ""}`),
    indexes: indexes.rows.map((i) => i.indexdef.replace(/ ON public\./, " ON ").replace(/ ONLY public\./, " ONLY ")),
    checks: checks.rows.map((c) => c.conname),
    migrations: migrations.map((m) => m.name),
    lockRows: Number(lockRows[0]?.count),
  };
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
  "lease_expires_at timestamp with time zone null",
  "response jsonb null",
];

const EXPECTED_CHECKS = [
  "runs_agent_id_not_empty",
  "runs_agent_scope_matches",
  "runs_idempotency_key_length",
  "runs_status_known",
  "runs_tenant_id_not_empty",
  "runs_tenant_scope_matches",
];

const MIGRATIONS = ["0001_create_runs", "0002_partition_runs", "0003_leases_and_purge", "0004_claim_function", "0005_find_function", "0006_claim_procedure", "0007_stored_responses"];

describe("migrate", () => {
  it("creates the runs table and is a no-op the second time", async () => {
    await withScratch(async (db) => {
      await migrate(db);
      await migrate(db);
      const schema = await describeSchema(db);
      expect(schema).toEqual({
        kind: "plain",
        partitions: 0,
        columns: EXPECTED_COLUMNS,
        indexes: [
          "CREATE INDEX runs_created_at ON runs USING btree (created_at)",
          "CREATE UNIQUE INDEX runs_live_idempotency_key ON runs USING btree (tenant_scope, agent_scope, idempotency_key) WHERE ((idempotency_key IS NOT NULL) AND (superseded_at IS NULL))",
          "CREATE UNIQUE INDEX runs_pkey ON runs USING btree (id)",
        ],
        checks: EXPECTED_CHECKS,
        migrations: MIGRATIONS,
        lockRows: 1,
      });
      const defaults = await db("runs").insert({ idempotency_key: "k", tenant_scope: "", agent_scope: "" }).returning(["status", "created_at", "lease_expires_at"]);
      expect(defaults[0]).toMatchObject({ status: "queued", lease_expires_at: null });
      await expect(db("runs").insert({ tenant_id: "", tenant_scope: "", agent_scope: "" })).rejects.toMatchObject({ code: "23514" });
      await expect(db("runs").insert({ status: "cancelled", tenant_scope: "", agent_scope: "" })).rejects.toMatchObject({ code: "23514" });
      await expect(db("runs").insert({ tenant_id: "t", tenant_scope: "other", agent_scope: "" })).rejects.toMatchObject({ code: "23514", constraint: "runs_tenant_scope_matches" });
      await expect(db("runs").insert({ agent_id: "a", tenant_scope: "", agent_scope: "" })).rejects.toMatchObject({ code: "23514", constraint: "runs_agent_scope_matches" });
    });
  });

  it("is safe from three processes at once", async () => {
    await withScratch(async (db, url) => {
      const children = await Promise.all(
        [1, 2, 3].map(() => run(process.execPath, ["--import", "tsx", "test/support/migrate-child.ts", url], { cwd: repository, timeout: 60_000 })),
      );
      expect(children.map((child) => child.stdout.trim())).toEqual(["migrated", "migrated", "migrated"]);
      const schema = await describeSchema(db);
      expect(schema.columns).toEqual(EXPECTED_COLUMNS);
      expect(schema.migrations).toEqual(MIGRATIONS);
      expect(schema.lockRows).toBe(1);
    });
  });
});

describe("migration 0001 is frozen", () => {
  it("does not read the live RUN_STATUSES: its SQL is a literal", async () => {
    const source = await readFile(resolve(repository, "spine/db/migrations/0001_create_runs.ts"), "utf8");
    expect(source).not.toMatch(/RUN_STATUSES|from "\.\.\/run\.js"/);
    expect(CREATE_RUNS_SQL).toContain("constraint runs_status_known check (status in ('queued', 'running', 'retry', 'succeeded', 'failed'))");
  });

  it("has the SQL it had when databases applied it", () => {
    expect(createHash("sha256").update(CREATE_RUNS_SQL).digest("hex")).toBe("122a21b24d75e663dba49f505660a4e4f3ca7a2aba13f4917171b279880a4893");
  });
});

/** The migrations that create the driver's functions and procedure, with the hash of the SQL databases applied. */
const FROZEN_ROUTINES: readonly { readonly migration: string; readonly sql: string; readonly sha256: string; readonly what: string }[] = [
  { migration: "0004_claim_function", sql: CLAIM_FUNCTION_SQL, sha256: "3abfa6bc6bc954a9c203c93995e953968870a948f7878f08624d3d2d3341ad9e", what: "the claim's function" },
  { migration: "0005_find_function", sql: FIND_FUNCTION_SQL, sha256: "7532633a13333703323c9e2bf4d8abc221d5356c1205847061b89aa48e1e0958", what: "the lookup" },
  { migration: "0006_claim_procedure", sql: CLAIM_PROCEDURE_SQL, sha256: "5130eecc0afb47527cfc4cb10f4848d140539da725d3013c976540ae169c264e", what: "the claim" },
  { migration: "0007_stored_responses", sql: STORED_RESPONSES_SQL, sha256: "82b7033505714c7dd2af76a17929966cda7cdece29702db76fb19d30399a5705", what: "the stored responses' column" },
];

describe.each(FROZEN_ROUTINES)("migration $migration is frozen", ({ migration, sql, sha256, what }) => {
  it(`has the SQL it had when databases applied it: a change to ${what} is a new migration`, () => {
    expect(createHash("sha256").update(sql).digest("hex")).toBe(sha256);
  });

  it("reads no live constant of the driver: its SQL is a literal", async () => {
    const source = await readFile(resolve(repository, `spine/db/migrations/${migration}.ts`), "utf8");
    expect(source).not.toMatch(/from "\.\.\/(run|\.\.\/drivers\/[^"]+)\.js"/);
    expect(source.match(/^import .*$/gm)).toEqual(['import type { Knex } from "knex";']);
  });
});

/** The columns 0001 created, as text, for every row: what no later migration may lose. */
const ROWS_0001_SQL = `select id, tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal,
  created_at::text, updated_at::text, superseded_at::text, tenant_scope, agent_scope from runs order by id`;

/** Rows of every shape 0001 allowed: each status, null scopes, no key, and a superseded run next to its replacement. */
const SEED_0001_SQL = `insert into runs (tenant_id, agent_id, idempotency_key, request_fingerprint, status, goal, created_at, updated_at, superseded_at) values
  ('t1', 'a1', 'k-queued', 'f1', 'queued', 'g', now() - interval '1 hour', now(), null),
  ('t1', 'a1', 'k-running', null, 'running', null, now() - interval '2 hours', now(), null),
  ('t1', null, 'k-retry', 'f3', 'retry', 'g', now() - interval '3 days', now(), null),
  (null, 'a1', 'k-succeeded', 'f4', 'succeeded', 'g', now(), now(), null),
  (null, null, 'k-failed', 'f5', 'failed', 'g', now(), now(), null),
  ('t2', 'a2', null, null, 'queued', 'no key', now(), now(), null),
  ('t2', 'a2', 'k-replaced', 'f7', 'failed', 'g', now() - interval '2 days', now() - interval '2 days', now() - interval '1 day'),
  ('t2', 'a2', 'k-replaced', 'f7', 'succeeded', 'g', now() - interval '1 hour', now(), null)`;

describe.each<RunsLayout>(["plain", "partitioned"])("a database migrated by 0001 only, with rows, migrated forward to the %s layout", (layout) => {
  it("keeps every row and every value, and the driver finds them", async () => {
    await withScratch(async (db) => {
      await db.migrate.up({ tableName: MIGRATIONS_TABLE, migrationSource: spineMigrations() });
      expect((await describeSchema(db)).migrations).toEqual(["0001_create_runs"]);
      await db.raw(SEED_0001_SQL);
      const before = (await db.raw<{ rows: unknown[] }>(ROWS_0001_SQL)).rows;
      expect(before).toHaveLength(8);

      await migrate(db, { layout });

      const schema = await describeSchema(db);
      expect(schema.kind).toBe(layout);
      expect(schema.migrations).toEqual(MIGRATIONS);
      expect((await db.raw<{ rows: unknown[] }>(ROWS_0001_SQL)).rows).toEqual(before);
      expect(await db("runs").whereNotNull("lease_expires_at").count<{ count: string }[]>({ count: "*" })).toEqual([{ count: "0" }]);
      const replaced = await checkIdempotency(db, "k-replaced", "t2", "a2");
      expect(replaced).toMatchObject({ exists: true, status: "succeeded", isExpired: false });
      expect(await claimRun(db, { idempotencyKey: "k-queued", tenantId: "t1", agentId: "a1", fingerprint: "f1" })).toMatchObject({ created: false, run: { goal: "g" } });
      expect(await claimRun(db, { idempotencyKey: "k-retry", tenantId: "t1", agentId: null, fingerprint: "f3" })).toMatchObject({ created: true });
    });
  });
});

describe("the partitioned layout", () => {
  it(`hash-partitions runs by tenant_scope into ${DEFAULT_PARTITIONS} partitions by default, every unique index containing tenant_scope`, async () => {
    await withScratch(async (db) => {
      await migrate(db, { layout: "partitioned" });
      const schema = await describeSchema(db);
      expect(schema).toMatchObject({ kind: "partitioned", partitions: DEFAULT_PARTITIONS, columns: EXPECTED_COLUMNS, checks: EXPECTED_CHECKS, migrations: MIGRATIONS });
      const key = await db.raw<{ rows: { key: string }[] }>("select pg_get_partkeydef('runs'::regclass) as key");
      expect(key.rows[0]?.key).toBe("HASH (tenant_scope)");
      const unique = await db.raw<{ rows: { name: string; columns: string[] }[] }>(
        `select i.relname as name, array_agg(a.attname::text order by a.attname) as columns
         from pg_index x join pg_class i on i.oid = x.indexrelid
         join pg_attribute a on a.attrelid = x.indrelid and a.attnum = any(x.indkey)
         where x.indrelid = 'runs'::regclass and x.indisunique group by i.relname order by i.relname`,
      );
      expect(unique.rows).toEqual([
        { name: "runs_live_idempotency_key", columns: ["agent_scope", "idempotency_key", "tenant_scope"] },
        { name: "runs_pkey", columns: ["id", "tenant_scope"] },
      ]);
    });
  });

  it("takes the number of partitions, and rejects a number out of range before touching the database", async () => {
    await withScratch(async (db) => {
      await expect(migrate(db, { layout: "partitioned", partitions: 0 })).rejects.toThrow("partitions must be an integer from 1 to 1024, got 0");
      expect(await db.raw<{ rows: unknown[] }>("select to_regclass('runs') as runs")).toMatchObject({ rows: [{ runs: null }] });
      await migrate(db, { layout: "partitioned", partitions: 3 });
      expect((await describeSchema(db)).partitions).toBe(3);
    });
  });

  it("refuses to report success when the database has the other layout", async () => {
    await withScratch(async (db) => {
      await migrate(db);
      const error = await migrate(db, { layout: "partitioned" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toBe(
        "runs has the plain layout, not the partitioned one: the layout is chosen when migration 0002_partition_runs first runs",
      );
      expect(error).toMatchObject({ retryable: false, sqlState: null });
      await migrate(db);
      await migrate(db, { layout: "plain" });
    });
  });
});

/** What `migrate` rejected with, which must be a {@link MigrationError}. */
async function migrationError(db: Knex): Promise<MigrationError> {
  const error: unknown = await migrate(db).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe("migrate's MigrationError says what happened, whether to retry, and the SQLSTATE", () => {
  it("with the database down: retryable, no SQLSTATE, one line that names the address", async () => {
    const port = await findFreePort();
    const db = createDb(`postgres://postgres:none@127.0.0.1:${port}/postgres`, { log: SILENT_LOG, acquireTimeoutMillis: 1000 });
    try {
      const error = await migrationError(db);
      expect(error.message).toBe(`could not apply the schema: connection refused (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:${port} — a transient failure: retry later`);
      expect(error).toMatchObject({ name: "MigrationError", retryable: true, sqlState: null, cause: { code: "ECONNREFUSED" } });
    } finally {
      await db.destroy();
    }
  });

  it("for a database that does not exist: not retryable, SQLSTATE 3D000", async () => {
    const url = new URL(inject("adminUrl"));
    url.pathname = "/spine_no_such_database";
    const db = createDb(url.href, { log: SILENT_LOG });
    try {
      const error = await migrationError(db);
      expect(error.message).toBe(
        'could not apply the schema: database does not exist (SQLSTATE 3D000): database "spine_no_such_database" does not exist — retrying will not help: fix the cause, then run migrate again',
      );
      expect(error).toMatchObject({ retryable: false, sqlState: "3D000" });
    } finally {
      await db.destroy();
    }
  });

  it("for a role without CREATE on the schema: not retryable, SQLSTATE 42501, the server's words without the SQL", async () => {
    await withScratch(async (admin, scratchUrl) => {
      const role = `spine_no_create_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await admin.raw(`create role ${role} login password 'secret'`);
      const url = new URL(scratchUrl);
      url.username = role;
      url.password = "secret";
      const db = createDb(url.href, { log: SILENT_LOG });
      try {
        const error = await migrationError(db);
        expect(error.message).toBe(
          "could not apply the schema: insufficient privilege (SQLSTATE 42501): permission denied for schema public — retrying will not help: fix the cause, then run migrate again",
        );
        expect(error).toMatchObject({ retryable: false, sqlState: "42501" });
      } finally {
        await db.destroy();
        await admin.raw(`drop owned by ${role}`);
        await admin.raw(`drop role ${role}`);
      }
    });
  });

  it("for invalid options: not retryable, no SQLSTATE", async () => {
    await withScratch(async (db) => {
      const error = await migrate(db, { partitions: 0 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MigrationError);
      expect(error).toMatchObject({ message: "partitions must be an integer from 1 to 1024, got 0", retryable: false, sqlState: null });
    });
  });
});
