/**
 * Tells a long-lived file checker when the files its opened repository was
 * configured from change: everything under `contracts/` (the contracts and
 * `contracts/project.yaml`) and the tsconfig chain. Where the system can
 * watch folders, watchers set a flag (they are unref'd, so that an ESLint
 * run still exits when it is done), and asking costs nothing; elsewhere, the
 * sizes and modification times of those files are compared on each ask.
 */
import { existsSync, type FSWatcher, readdirSync, statSync, watch } from "node:fs";
import { basename, dirname, join } from "node:path";
import { hashOf } from "../cache/hash.js";
import { CONTRACTS_DIR } from "../contracts/paths.js";

/** Whether the configuration changed since the last ask. */
export interface ConfigurationChanges {
  /** True when a watched file changed since this was created (or, without watchers, since the last ask). */
  changed(): boolean;
  /** Stops watching. */
  close(): void;
}

/** The size and modification time of every file under `contracts/` and of the given files. */
function fingerprintOf(contracts: string | undefined, files: readonly string[]): string {
  const listed = contracts !== undefined && existsSync(contracts) ? readdirSync(contracts, { recursive: true }).map((entry) => join(contracts, String(entry))) : [];
  return hashOf(
    ...[...listed.sort(), ...files].map((path) => {
      try {
        const stat = statSync(path);
        return `${path}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        return `${path}:-`;
      }
    }),
  );
}

/** Compares fingerprints on each ask. */
function polling(contracts: string | undefined, files: readonly string[]): ConfigurationChanges {
  let last = fingerprintOf(contracts, files);
  return {
    changed() {
      const now = fingerprintOf(contracts, files);
      const changed = now !== last;
      last = now;
      return changed;
    },
    close: () => undefined,
  };
}

/**
 * Starts telling changes of `contracts/` of the repository at `root` (unless
 * `withContracts` is false) and of the files `tsconfigFiles` (absolute paths).
 */
export function watchConfiguration(root: string, tsconfigFiles: readonly string[], withContracts = true): ConfigurationChanges {
  const contracts = join(root, CONTRACTS_DIR);
  let dirty = false;
  const watchers: FSWatcher[] = [];
  const close = (): void => {
    for (const watcher of watchers.splice(0)) watcher.close();
  };
  try {
    if (withContracts && !existsSync(contracts)) return polling(contracts, tsconfigFiles);
    const add = (folder: string, recursive: boolean, names?: ReadonlySet<string>): void => {
      const watcher = watch(folder, { recursive, persistent: false }, (_event, name) => {
        if (names === undefined || name === null || names.has(String(name))) dirty = true;
      });
      watcher.on("error", () => (dirty = true));
      watchers.push(watcher);
    };
    if (withContracts) add(contracts, true);
    // A tsconfig is watched through its folder: an editor that saves by renaming replaces the file a watcher of the file would follow.
    const byFolder = new Map<string, Set<string>>();
    for (const file of tsconfigFiles) byFolder.set(dirname(file), (byFolder.get(dirname(file)) ?? new Set()).add(basename(file)));
    for (const [folder, names] of byFolder) if (existsSync(folder)) add(folder, false, names);
  } catch {
    close();
    return polling(withContracts ? contracts : undefined, tsconfigFiles);
  }
  return {
    changed() {
      const changed = dirty;
      dirty = false;
      return changed;
    },
    close,
  };
}
