/**
 * The database layer: connection, schema and row types.
 * @packageDocumentation
 */
export { createDb, DEFAULT_DB_OPTIONS, type CreateDbOptions } from "./connection.js";
export { migrate, MigrationError, MIGRATIONS_TABLE } from "./migrate.js";
export { RUN_STATUSES, isRunStatus, type Run, type RunStatus } from "./run.js";
