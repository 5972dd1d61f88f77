/**
 * The `runs` table's row type, as the driver returns it.
 */

/** Every status a run can have, in lifecycle order. */
export const RUN_STATUSES = ["queued", "running", "retry", "succeeded", "failed"] as const;

/** The status of a run. `retry` means a failed attempt is scheduled to run again. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The statuses of a run that has not finished: a lease applies to these only. */
export const IN_PROGRESS_STATUSES: readonly RunStatus[] = ["queued", "running", "retry"];

/** One row of the `runs` table. */
export interface Run {
  /** Primary key. */
  readonly id: string;
  /** Tenant the run belongs to; `null` only matches `null`. */
  readonly tenantId: string | null;
  /** Agent the run belongs to; `null` only matches `null`. */
  readonly agentId: string | null;
  /** The caller's idempotency key, scoped by tenant and agent. */
  readonly idempotencyKey: string | null;
  /** A digest of the request payload, used to detect a key reused with another payload. */
  readonly requestFingerprint: string | null;
  /** Current status. */
  readonly status: RunStatus;
  /** Free-text description of the work. */
  readonly goal: string | null;
  /** When the run was created, by the database's clock. */
  readonly createdAt: Date;
  /** When the run was last changed, by the database's clock. */
  readonly updatedAt: Date;
  /** When a newer run took over this run's idempotency key; `null` while this run holds it. */
  readonly supersededAt: Date | null;
  /**
   * When the lease of the worker running this run ends, by the database's
   * clock; `null` for a run claimed without a lease. A run still queued,
   * running or retry whose lease has ended may be taken over by a new claim.
   */
  readonly leaseExpiresAt: Date | null;
}

/** Whether a run has finished (succeeded or failed): no longer queued, running or retry. */
export function isFinished(run: Pick<Run, "status">): boolean {
  return !IN_PROGRESS_STATUSES.includes(run.status);
}

/** Returns true when `value` is one of {@link RUN_STATUSES}. */
export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === "string" && (RUN_STATUSES as readonly string[]).includes(value);
}
