/**
 * The one writer of repository files (`--update`'s contracts, spine-docs'
 * pages): a file system error (a read-only file or folder, a full disk, a
 * folder where a file should be) is an input error naming the file, exit
 * code 2, never an internal error.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CheckerError } from "../errors.js";

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

/**
 * Writes `text` to `file` (relative to `root`), creating its folder.
 * @throws {CheckerError} when the file system refuses.
 */
export function writeRepositoryFile(root: string, file: string, text: string): void {
  const absolute = join(root, file);
  onFile(file, "write it", () => {
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  });
}

/**
 * Deletes `file` (relative to `root`).
 * @throws {CheckerError} when the file system refuses.
 */
export function removeRepositoryFile(root: string, file: string): void {
  onFile(file, "delete it", () => rmSync(join(root, file)));
}
