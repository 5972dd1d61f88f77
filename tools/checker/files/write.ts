/**
 * The one writer of repository files (`--update`'s contracts, spine-docs'
 * pages). It never writes through a symbolic link, nor into something that
 * is not a regular file (a link planted at `docs/README.md` would otherwise
 * make `npm run docs` overwrite whatever it points to), and a file system
 * error (a read-only file or folder, a full disk) is an input error naming
 * the file, exit code 2, never an internal error.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, rmSync, type Stats, writeSync } from "node:fs";
import { join } from "node:path";
import { CheckerError } from "../errors.js";
import { describeEntry } from "./read.js";

/** Runs a file system operation on `file`; its error becomes a {@link CheckerError} that names the file. */
function onFile(file: string, what: string, operation: () => void): void {
  try {
    operation();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw error;
    const reason = (error as Error).message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
    throw new CheckerError(`${file}: cannot ${what}: ${code}: ${reason}`, { cause: error });
  }
}

/** The entry at `path`, not following a symbolic link, or `undefined` when there is none. */
function entryAt(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/**
 * What is at `file` (relative to `root`, with `/`), following no symbolic
 * link on the way: `file` for a regular file, `missing`, or why it is
 * neither ("docs is a symbolic link", "a FIFO"…).
 */
export function repositoryEntry(root: string, file: string): "file" | "missing" | string {
  const parts = file.split("/");
  for (let depth = 1; depth <= parts.length; depth++) {
    const path = parts.slice(0, depth).join("/");
    const stats = entryAt(join(root, path));
    if (stats === undefined) return "missing";
    const last = depth === parts.length;
    if (last) return stats.isFile() ? "file" : describeEntry(stats);
    if (stats.isSymbolicLink()) return `${path} is a symbolic link`;
    if (!stats.isDirectory()) return `${path} is not a folder`;
  }
  return "missing";
}

/**
 * Writes `text` to `file` (relative to `root`, with `/`), creating its
 * folders; never through a symbolic link.
 * @throws {CheckerError} when something other than a regular file is there, or the file system refuses.
 */
export function writeRepositoryFile(root: string, file: string, text: string): void {
  const entry = repositoryEntry(root, file);
  if (entry !== "file" && entry !== "missing") throw new CheckerError(`${file}: cannot write it: ${entry}, not written through`);
  const absolute = join(root, file);
  onFile(file, "write it", () => {
    mkdirSync(join(absolute, ".."), { recursive: true });
    const fd = openSync(absolute, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
    try {
      const bytes = Buffer.from(text);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Deletes `file` (relative to `root`), a regular file reached through no symbolic link.
 * @throws {CheckerError} when something else is there, or the file system refuses.
 */
export function removeRepositoryFile(root: string, file: string): void {
  const entry = repositoryEntry(root, file);
  if (entry === "missing") return;
  if (entry !== "file") throw new CheckerError(`${file}: cannot delete it: ${entry}`);
  onFile(file, "delete it", () => rmSync(join(root, file)));
}
