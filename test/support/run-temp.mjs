/**
 * One temporary folder per test run, so that a run leaves nothing in the
 * system's temporary folder, whether it passes, fails or is interrupted.
 *
 * {@link openRunTemp} makes `spine-test-<pid>-XXXXXX` under the system's
 * temporary folder and points `TMPDIR` at it, which every worker inherits, so
 * each `tmpdir()` of a test, of the checker's cache, of the embedded server
 * and of vitest itself lands inside it. `npm test` calls it before vitest
 * starts (`vitest.mjs` beside this file), and the vitest configuration calls
 * it again when it loads (a no-op then; a direct `npx vitest` gets its folder
 * there, after vitest has made its own module folder in the system's one). The
 * folder is deleted when the process exits (vitest turns Ctrl-C and SIGTERM
 * into `process.exit`), and a folder whose process no longer exists (one
 * killed with SIGKILL) is deleted by the next run.
 *
 * The copy of the PostgreSQL binaries that the embedded server needs when the
 * checkout is closed to its user (`dev/postgres/binaries.ts`) is a cache kept
 * across runs on purpose: it goes to {@link systemTemp}, once per version.
 *
 * Plain JavaScript, so that the launcher runs it before any TypeScript loader.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The start of a run folder's name; the process id and a random suffix follow. */
export const RUN_TEMP_PREFIX = "spine-test-";

/** The variable that keeps the system's temporary folder once `TMPDIR` points at the run's. */
const SYSTEM_TEMP_VARIABLE = "SPINE_TEST_SYSTEM_TMPDIR";

/** The system's temporary folder, as it was before the run pointed `TMPDIR` at its own. */
export function systemTemp() {
  return process.env[SYSTEM_TEMP_VARIABLE] ?? tmpdir();
}

/** Whether a process with this id exists (one of another user counts). */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Deletes the run folders in `parent` whose process is gone; returns their names. */
export function sweepStaleRunTemps(parent) {
  const pattern = new RegExp(`^${RUN_TEMP_PREFIX}(\\d+)-`);
  const stale = readdirSync(parent).filter((name) => {
    const match = pattern.exec(name);
    return match !== null && !isAlive(Number(match[1]));
  });
  for (const name of stale) rmSync(join(parent, name), { recursive: true, force: true });
  return stale;
}

/**
 * Makes this run's temporary folder, points `TMPDIR` at it and deletes it
 * when the process exits. Called again in the same process, it returns the
 * same folder.
 * @returns the folder.
 */
export function openRunTemp() {
  const current = process.env["TMPDIR"];
  if (process.env[SYSTEM_TEMP_VARIABLE] !== undefined && current?.includes(`${RUN_TEMP_PREFIX}${process.pid}-`)) return current;
  const parent = tmpdir();
  sweepStaleRunTemps(parent);
  const folder = mkdtempSync(join(parent, `${RUN_TEMP_PREFIX}${process.pid}-`));
  // Open to the embedded server's user, which is not root when the run is.
  chmodSync(folder, 0o711);
  process.env[SYSTEM_TEMP_VARIABLE] = parent;
  process.env["TMPDIR"] = folder;
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
