/**
 * The fuzzer's worker process: runs the cases its parent asks for (by index;
 * the case is drawn from the seed plus the index, so any case can be drawn
 * again) and answers with the failure of each, if any. The parent watches
 * the time it takes and restarts it when it hangs or dies (see `cli.ts`).
 */
import { drawCase, fuzzOnce, judge, materialise, runInChild } from "./run-case.js";
import type { Scale } from "./mutations.js";

/** What the parent sends: run case `index`, in this process or through the bin. */
export interface CaseRequest {
  readonly index: number;
  readonly subprocess: boolean;
}

/** What the worker answers for one case. */
export interface CaseReport {
  readonly index: number;
  readonly failure: string | undefined;
}

/** The worker's settings, from its environment. */
const seed = Number(process.env["FUZZ_SEED"]);
const scale = (process.env["FUZZ_SCALE"] ?? "full") as Scale;
const boundMs = Number(process.env["FUZZ_BOUND_MS"]);

async function runOne(request: CaseRequest): Promise<CaseReport> {
  const fuzzCase = drawCase(seed, scale, request.index);
  if (!request.subprocess) return { index: request.index, failure: await fuzzOnce(fuzzCase, boundMs, seed + request.index) };
  const repo = materialise(fuzzCase, seed + request.index);
  try {
    const outcome = await runInChild(fuzzCase, repo.root, boundMs * 2);
    return { index: request.index, failure: outcome.killed ? `killed after ${boundMs * 2} ms (through the bin)` : judge(fuzzCase, outcome, boundMs * 2) };
  } finally {
    repo.dispose();
  }
}

process.on("message", (request: CaseRequest) => {
  void runOne(request).then(
    (report) => process.send?.(report),
    (error: unknown) => process.send?.({ index: request.index, failure: `threw: ${String(error)}` } satisfies CaseReport),
  );
});
