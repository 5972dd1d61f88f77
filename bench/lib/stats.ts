/**
 * Summary statistics of latency samples.
 */

/** The percentiles and extremes of a set of samples, in the samples' unit. */
export interface Summary {
  /** How many samples were taken. */
  readonly count: number;
  /** The median (nearest rank). */
  readonly p50: number;
  /** The 99th percentile (nearest rank). */
  readonly p99: number;
  /** The largest sample. */
  readonly max: number;
}

/**
 * The `p`th percentile of `sorted` by the nearest-rank method.
 * @param sorted - samples in ascending order; must not be empty.
 * @param p - the percentile, in (0, 100].
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("percentile of no samples");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/**
 * Summarises samples: count, p50, p99 and max.
 * @param samples - the samples, in any order; must not be empty.
 */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
