/**
 * Running a command while sampling the resident memory of its whole process
 * tree (the command, its children and theirs) from `/proc`. Where `/proc`
 * cannot be read, the peak is reported as 0.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { elapsedMs } from "../lib/timing.js";

/** How often the process tree's memory is sampled, in milliseconds. */
export const SAMPLE_INTERVAL_MS = 25;

/** What one run of a command measured. */
export interface MeasuredRun {
  /** Wall time from spawn to exit, in milliseconds. */
  readonly wallMs: number;
  /** The largest sum of resident memory of the process tree seen, in MiB. */
  readonly peakMiB: number;
  /** The exit code (null when killed by a signal). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The pid and every descendant of it, through `/proc/<pid>/task/<tid>/children`. */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    found.push(current);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      const children = readText(`/proc/${current}/task/${task}/children`) ?? "";
      for (const child of children.split(" ")) if (child.trim() !== "") stack.push(Number(child));
    }
  }
  return found;
}

/** Resident memory of one process in KiB (`VmRSS`), 0 when it is gone. */
function residentKiB(pid: number): number {
  const status = readText(`/proc/${pid}/status`) ?? "";
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) : 0;
}

/** Resident memory of a process tree in KiB. */
export function treeResidentKiB(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + residentKiB(member), 0);
}

/**
 * Runs `command` with `args` in `cwd`, collecting its output, and measures
 * its wall time and the peak resident memory of its process tree.
 */
export function runMeasured(command: string, args: readonly string[], cwd: string): Promise<MeasuredRun> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peakKiB = 0;
    const sample = (): void => {
      if (child.pid !== undefined) peakKiB = Math.max(peakKiB, treeResidentKiB(child.pid));
    };
    const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => {
      clearInterval(timer);
      fail(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      done({
        wallMs: elapsedMs(start),
        peakMiB: peakKiB / 1024,
        exitCode: code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}
