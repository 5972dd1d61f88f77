/**
 * Leaves nothing behind: the embedded servers of this process that are not
 * stopped yet are stopped, and their folders deleted, when the process exits
 * (normally, on an uncaught error, or through `process.exit()`) and when it
 * receives SIGINT (Ctrl-C), SIGTERM or SIGHUP. Exit handlers cannot wait for
 * promises, so this stops them synchronously: it sends the server SIGINT
 * (PostgreSQL's fast shutdown), waits until the process is gone, then deletes
 * the folder. After a signal it raises the signal again when no other
 * listener handles it, so the process still ends the way the signal says.
 */
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

/** A server's folder and the process working in it (initdb, then postgres). */
export interface LiveServer {
  /** The folder holding the data folder; deleted when the server stops. */
  readonly directory: string;
  /** The process working in the folder, when one runs. */
  process: ChildProcess | undefined;
}

/** How long a server may take to shut down before it is killed. */
export const SHUTDOWN_TIMEOUT_MS = 15_000;

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

const live = new Set<LiveServer>();
let installed = false;

/** Registers `server` so that it is stopped when the process ends. */
export function register(server: LiveServer): void {
  live.add(server);
  if (!installed) {
    installed = true;
    process.on("exit", stopAllSync);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
}

/** Forgets `server` (it has been stopped). */
export function unregister(server: LiveServer): void {
  live.delete(server);
  if (live.size === 0 && installed) {
    installed = false;
    process.removeListener("exit", stopAllSync);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  stopAllSync();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function stopAllSync(): void {
  for (const server of [...live]) stopSync(server);
}

/** True while `pid` runs (a zombie does not: it has exited but not been reaped). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT" && process.platform === "linux") return false;
  }
  const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  return ps.status === 0 && !ps.stdout.trim().startsWith("Z");
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stops `server` without waiting for the event loop: SIGINT, then SIGKILL
 * after {@link SHUTDOWN_TIMEOUT_MS}; then deletes its folder.
 */
export function stopSync(server: LiveServer): void {
  unregister(server);
  const child = server.process;
  const pid = child?.pid;
  if (child !== undefined && pid !== undefined && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGINT");
    const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
    while (isRunning(pid) && Date.now() < deadline) sleepSync(20);
    if (isRunning(pid)) child.kill("SIGKILL");
  }
  rmSync(server.directory, { recursive: true, force: true, maxRetries: 5 });
}
