/**
 * Describing the machine a benchmark ran on, so results can be compared.
 */
import { cpus, loadavg, release, totalmem, type } from "node:os";
import type { Knex } from "knex";

/** The machine and runtime a benchmark ran on. */
export interface Machine {
  /** Logical CPU cores. */
  readonly cores: number;
  /** The CPU's model name. */
  readonly cpuModel: string;
  /** Total memory in GiB, one decimal. */
  readonly memoryGiB: number;
  /** The operating system and kernel release. */
  readonly os: string;
  /** The Node.js version, e.g. `v20.19.0`. */
  readonly node: string;
  /** The one-minute load average when described: other work on the machine skews the figures. */
  readonly load: number;
}

/** Describes this machine and the running Node.js. */
export function describeMachine(): Machine {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    load: loadavg()[0] ?? 0,
  };
}

/** The PostgreSQL server's version, e.g. `18.0`. */
export async function postgresVersion(db: Knex): Promise<string> {
  const result = await db.raw<{ rows: { server_version: string }[] }>("show server_version");
  return result.rows[0]?.server_version ?? "unknown";
}

/**
 * Prints the machine, one `machine:` line per field, followed by any extra fields.
 * @param machine - what {@link describeMachine} returned.
 * @param extra - more fields to print, e.g. the PostgreSQL version.
 */
export function printMachine(machine: Machine, extra: Readonly<Record<string, string>> = {}): void {
  const fields: Record<string, string> = {
    cores: `${machine.cores} (${machine.cpuModel})`,
    memory: `${machine.memoryGiB} GiB`,
    os: machine.os,
    node: machine.node,
    load: `${machine.load.toFixed(2)} (one-minute average at start)`,
    ...extra,
  };
  for (const [name, value] of Object.entries(fields)) console.log(`machine: ${name} ${value}`);
}
