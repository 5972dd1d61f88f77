/**
 * Paths in posix form: what every path of a report, a contract, a glob and
 * the cache is, whatever the platform. The one place that turns the
 * platform's separators into `/` (on POSIX it changes nothing: a backslash
 * there is part of a file's name, not a separator).
 */
import { relative, sep } from "node:path";

/**
 * `path` with the platform's separator replaced by `/`.
 * @param path - a path as `node:path` or `fs` gives it.
 */
export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/**
 * The path from `from` to `to` (`path.relative`), in posix form.
 * @param from - the folder the result is relative to, e.g. the repository root.
 * @param to - the path to express.
 */
export function relativePosix(from: string, to: string): string {
  return toPosix(relative(from, to));
}
