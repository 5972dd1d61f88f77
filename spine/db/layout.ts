/**
 * The two layouts of the `runs` table, chosen by `migrate`'s options.
 */

/**
 * - `plain`: one table.
 * - `partitioned`: hash-partitioned by `tenant_scope`, so that every unique
 *   index contains the partition column, as on a distributed engine (Citus
 *   requires the distribution column in every unique index).
 */
export type RunsLayout = "plain" | "partitioned";

/** How many hash partitions the partitioned layout creates unless told otherwise. */
export const DEFAULT_PARTITIONS = 8;

/** The most hash partitions the partitioned layout may have. */
export const MAX_PARTITIONS = 1_024;

/** What every migration is told: the layout a new `runs` table gets. */
export interface MigrationContext {
  /** The layout chosen for `runs`. */
  readonly layout: RunsLayout;
  /** How many hash partitions the partitioned layout has. */
  readonly partitions: number;
}
