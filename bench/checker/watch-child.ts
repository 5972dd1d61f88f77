/**
 * The child process of `bench:checker`'s watch figures: `spine-check
 * --watch`'s loop (`watchRepository` with `watchCheck`: the ts-morph engine, re-reading only the changed files) on a
 * synthetic repository; after its first check, one line is added to a leaf
 * file, then to a file most of the repository imports; each time it waits
 * for the re-check and reads how long it took from its output. Prints one
 * JSON object ({@link WatchChildOutput}) on stdout.
 *
 * Usage: `node --import tsx bench/checker/watch-child.ts ROOT LEAF SHARED`.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { watchCheck, watchRepository } from "../../tools/checker/index.js";

/** One re-check as the watch loop printed it. */
export interface ReCheck {
  readonly milliseconds: number;
  readonly added: number;
  readonly fixed: number;
  /** Violations in all after it. */
  readonly total: number;
}

/** What the child prints. */
export interface WatchChildOutput {
  readonly leaf: ReCheck;
  readonly shared: ReCheck;
}

const [root, leaf, shared] = process.argv.slice(2);
if (root === undefined || leaf === undefined || shared === undefined) throw new Error("usage: watch-child.ts ROOT LEAF SHARED");
let output = "";
const stop = new AbortController();
const done = watchRepository(
  { root },
  { stdout: (text) => (output += text), stderr: (text) => process.stderr.write(text) },
  watchCheck(),
  (error) => {
    throw error;
  },
  stop.signal,
);

const RE_CHECKED = /^re-checked in (\d+) ms: (\d+) new, (\d+) fixed, (\d+) in all$/gm;

/** Waits until the loop has printed `count` re-checks; returns the last. */
async function reCheck(count: number): Promise<ReCheck> {
  for (;;) {
    const found = [...output.matchAll(RE_CHECKED)];
    const last = found[count - 1];
    if (last !== undefined) return { milliseconds: Number(last[1]), added: Number(last[2]), fixed: Number(last[3]), total: Number(last[4]) };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

while (!output.includes("watching ")) await new Promise((resolve) => setTimeout(resolve, 10));
appendFileSync(join(root, leaf), "\n// a one-line edit of a leaf file\n");
const leafCheck = await reCheck(1);
appendFileSync(join(root, shared), "\n// a one-line edit of a file most of the repository imports\n");
const sharedCheck = await reCheck(2);
stop.abort();
await done;
const result: WatchChildOutput = { leaf: leafCheck, shared: sharedCheck };
process.stdout.write(JSON.stringify(result));
