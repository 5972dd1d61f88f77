/**
 * The database layer: connection, schema, row types, and what a database
 * failure means. The barrel the driver and the orchestrator import; the
 * package's entries (`spine/index.ts`, `spine/driver.ts`) re-export what users need.
 * @packageDocumentation
 */
export { createDb, DEFAULT_DB_OPTIONS, type CreateDbOptions } from "./connection.js";
export { classifyDatabaseFailure, describeDatabaseFailure, type DatabaseFailure, type Eviction, type FailureKind } from "./failures.js";
export { DEFAULT_PARTITIONS, MAX_PARTITIONS, type RunsLayout } from "./layout.js";
export { migrate, MigrationError, MIGRATIONS_TABLE, type MigrateOptions } from "./migrate.js";
export { IN_PROGRESS_STATUSES, RUN_STATUSES, isFinished, isRunStatus, type Run, type RunStatus } from "./run.js";
