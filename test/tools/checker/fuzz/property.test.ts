/**
 * The fuzzer's property, bounded for `npm test` (a fixed seed and number of
 * cases, small inputs; `npm run fuzz` runs it for as long as asked): every
 * mutant of the base fixture (contracts, project.yaml, tsconfig, package.json,
 * sources, the file system) run through spine-check or spine-docs ends in
 * exit code 0, 1 or 2 with a message, within a time bound, never with an
 * uncaught exception or a stack trace. Exit code 3 (a bug of spine-check)
 * fails it too: every crash the fuzzer finds becomes a fixture and a fix.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArbitrary, describeCase, fuzzOnce } from "./run-case.js";

/** The seed and number of cases: fixed, so that a failure here is drawn again by the same run. */
const SEED = 15;
const RUNS = 12;

/** The time one run may take (a cold ts-morph run of the base takes about half a second). */
const BOUND_MS = 20_000;

describe("spine-check and spine-docs on mutated input (fast-check)", () => {
  it(`end in exit 0, 1 or 2 with a message, within ${BOUND_MS} ms, for ${RUNS} mutants (seed ${SEED})`, async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(caseArbitrary("quick"), async (fuzzCase) => {
        const failure = await fuzzOnce(fuzzCase, BOUND_MS, SEED);
        if (failure !== undefined) failures.push(`${failure}\n  case: ${describeCase(fuzzCase)}`);
        return failure === undefined;
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(failures).toEqual([]);
  }, 240_000);
});
