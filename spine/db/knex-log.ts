/**
 * The logger `createDb` gives knex when the caller passes none: knex's own
 * default prints through `console.log`, on standard output, with the stack
 * trace of every failed connection attempt.
 */
import { inspect } from "node:util";
import type { Knex } from "knex";

/** What starts every line {@link STDERR_KNEX_LOG} writes. */
export const KNEX_LOG_PREFIX = "spine-runtime (knex): ";

/** A line of a stack trace (`    at fn (file:1:2)`), which knex appends to some messages. */
const STACK_FRAME = /^\s*at\s/;

/**
 * A message knex logs, as one line: an `Error` gives its `message`; a string
 * loses the stack trace knex may have appended (`Acquire connection error:
 * Error: connect ECONNREFUSED …` followed by `    at …` lines); anything else
 * is inspected; line breaks and runs of white space become one space.
 * @param message - what knex passed to `warn`, `error` or `deprecate`.
 */
export function knexLogLine(message: unknown): string {
  const text = message instanceof Error ? message.message : typeof message === "string" ? message : inspect(message, { breakLength: Infinity, depth: 2 });
  const lines = text.split(/\r?\n/).filter((line) => !STACK_FRAME.test(line));
  return lines.join(" ").replace(/\s+/g, " ").trim();
}

function write(message: unknown): void {
  process.stderr.write(`${KNEX_LOG_PREFIX}${knexLogLine(message)}\n`);
}

/**
 * `createDb`'s default `log`: each `warn`, `error` and `deprecate` message of
 * knex is one line on standard error, prefixed {@link KNEX_LOG_PREFIX},
 * without a stack trace; `debug` messages are dropped. A `log` passed to
 * `createDb` replaces it entirely.
 */
export const STDERR_KNEX_LOG: Readonly<Knex.Logger> = Object.freeze({
  warn: write,
  error: write,
  // knex calls it with its own sentence (`json(true) is deprecated, please use jsonb()`); its type names the two parts.
  deprecate: (method: string, alternative?: string) => write(alternative === undefined ? method : `${method} is deprecated, please use ${alternative}`),
  debug: () => undefined,
});
