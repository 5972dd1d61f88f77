/**
 * V8 options for the child engine of `--engine all`. The child shares two
 * cores with dependency-cruiser's process; V8's optimising compilers run on
 * background threads and, by default, start on functions the child runs
 * only for a second (its parse and walk), so most of that compilation never
 * pays back and takes CPU from the parent, which is on the critical path.
 * Raising the thresholds leaves the hot loops optimised and the rest in the
 * baseline tiers. Measured by `bench:checker` (see `docs/benchmarks.md`):
 * the same wall time for the child, about a quarter less CPU.
 */

/** The V8 options by Node major version; a version not listed gets none (Node 24's defaults measured best). */
const OPTIONS_BY_MAJOR: Readonly<Record<string, readonly string[]>> = {
  // Node 20 (V8 11.3): the interrupt budget before tiering up, 8 × its default of 66 KiB.
  "20": ["--interrupt-budget=540672"],
  // Node 22 (V8 12.4): invocations before TurboFan, 4 × its default of 3,000.
  "22": ["--invocation-count-for-turbofan=12000"],
};

/**
 * The V8 options the child engine runs with on Node `version` (`process.versions.node`).
 * @returns options to add to the child's command line; none for an unlisted version.
 */
export function childV8Options(version: string): readonly string[] {
  return OPTIONS_BY_MAJOR[version.split(".")[0] ?? ""] ?? [];
}
