/**
 * The one way the checker reads a file of the repository: only a regular
 * file, only up to a size limit. A FIFO is opened without blocking and not
 * read, a directory or a device is not read, a symbolic link loop is not
 * followed; what is not read comes back with the reason, for a clear error
 * or warning instead of a hang, a crash or an exhausted memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { CheckerConfigError } from "../errors.js";

/** Nothing at that path (or a path through something that is not a folder). */
export interface Missing {
  readonly kind: "missing";
}

/** Something that is not read: `why` says what it is ("a FIFO", "larger than …"). */
export interface Skipped {
  readonly kind: "skipped";
  readonly why: string;
  readonly tooLarge: boolean;
  /** The file's size, when it is a regular file too large to read. */
  readonly bytes?: number;
}

/** What {@link readRegularFile} found. */
export type FileRead =
  /** The file's text (decoded as UTF-8) and its size in bytes. */
  { readonly kind: "text"; readonly text: string; readonly bytes: number } | Missing | Skipped;

/** What {@link readRegularBytes} found. */
export type BytesRead = { readonly kind: "bytes"; readonly content: Buffer } | Missing | Skipped;

/** What a file system entry that is not a regular file is, for messages. */
export function describeEntry(stats: Pick<Stats, "isDirectory" | "isFIFO" | "isSocket" | "isCharacterDevice" | "isBlockDevice" | "isSymbolicLink">): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** Why opening a path failed, for the codes that say something about the path. */
function openFailure(error: NodeJS.ErrnoException): Missing | Skipped | undefined {
  switch (error.code) {
    case "ENOENT":
    case "ENOTDIR":
      return { kind: "missing" };
    case "ELOOP":
      return { kind: "skipped", why: "a symbolic link loop", tooLarge: false };
    case "ENXIO":
      return { kind: "skipped", why: "a socket", tooLarge: false };
    case "ENAMETOOLONG":
      return { kind: "skipped", why: "a path too long to open", tooLarge: false };
    case "ERR_INVALID_ARG_VALUE":
      return { kind: "skipped", why: "a path with a NUL character", tooLarge: false };
    case "EACCES":
    case "EPERM":
      return { kind: "skipped", why: `not readable (${error.code})`, tooLarge: false };
    default:
      return undefined;
  }
}

/** Reads a file to its end, or `undefined` once more than `maxBytes` were read (a file that grows as it is read). */
function readAtMost(fd: number, expected: number, maxBytes: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(expected, 4096), maxBytes + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return length > maxBytes ? undefined : buffer.subarray(0, length);
    length += read;
  }
}

/**
 * What is at `absolute` (symbolic links followed), without opening it:
 * `file` for a regular file, `missing`, or what else it is ("a directory",
 * "a FIFO", "a symbolic link loop"…).
 */
export function entryKind(absolute: string): "file" | "missing" | string {
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    const failure = openFailure(error as NodeJS.ErrnoException);
    if (failure === undefined) throw error;
    return failure.kind === "missing" ? "missing" : (failure as { why: string }).why;
  }
  return stats.isFile() ? "file" : describeEntry(stats);
}

/**
 * Reads the file at `absolute` (symbolic links followed by the system) when
 * it is a regular file of at most `maxBytes` bytes, as text (UTF-8).
 * @param limitName - how messages name the limit (`limits.read_bytes`).
 * @throws the system's error for a failure that says nothing about the path (EIO, EMFILE…).
 */
export function readRegularFile(absolute: string, maxBytes: number, limitName: string): FileRead {
  const read = readRegularBytes(absolute, maxBytes, limitName);
  return read.kind === "bytes" ? { kind: "text", text: read.content.toString("utf8"), bytes: read.content.length } : read;
}

/**
 * Reads the file at `absolute` as {@link readRegularFile} does, as bytes.
 * @throws the system's error for a failure that says nothing about the path (EIO, EMFILE…).
 */
export function readRegularBytes(absolute: string, maxBytes: number, limitName: string): BytesRead {
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const failure = openFailure(error as NodeJS.ErrnoException);
    if (failure === undefined) throw error;
    return failure;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: "skipped", why: describeEntry(stats), tooLarge: false };
    if (stats.size > maxBytes) {
      return { kind: "skipped", why: `${stats.size} bytes, larger than ${limitName} (${maxBytes})`, tooLarge: true, bytes: stats.size };
    }
    const content = readAtMost(fd, stats.size, maxBytes);
    if (content === undefined) return { kind: "skipped", why: `larger than ${limitName} (${maxBytes}) while it was read`, tooLarge: true };
    return { kind: "bytes", content };
  } catch (error) {
    // EISDIR and the like, should the entry change between fstat and read.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { kind: "skipped", why: "a directory", tooLarge: false };
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file the configuration depends on (a contract, the project file,
 * a tsconfig): a regular file of at most `maxBytes` bytes.
 * @param file - its repository-relative path (or absolute, outside the repository), for messages.
 * @param absolute - its absolute path.
 * @returns its text, or `undefined` when nothing is at that path.
 * @throws {CheckerConfigError} when it is not a regular file, or is larger than `maxBytes`.
 */
export function readInputFile(file: string, absolute: string, maxBytes: number, limitName: string): string | undefined {
  const read = readRegularFile(absolute, maxBytes, limitName);
  if (read.kind === "text") return read.text;
  if (read.kind === "missing") return undefined;
  throw new CheckerConfigError([{ file, line: 0, column: 0, reason: `cannot be read: ${read.why}` }]);
}
