/**
 * createDb's default knex logger: one line per message on standard error,
 * without stack traces, debug dropped.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { KNEX_LOG_PREFIX, knexLogLine, STDERR_KNEX_LOG } from "../../../spine/db/knex-log.js";

const REFUSED = "Error: connect ECONNREFUSED 127.0.0.1:1";
const STACK = `${REFUSED}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)\n    at TCPConnectWrap.callbackTrampoline (node:internal/async_hooks:130:17)`;

describe("STDERR_KNEX_LOG", () => {
  let stderr: MockInstance<typeof process.stderr.write>;
  let log: MockInstance<typeof console.log>;

  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** What the logger wrote, one string per write. */
  const written = (): string[] => stderr.mock.calls.map(([chunk]) => String(chunk));

  it("writes knex's acquire-connection warning as one prefixed line, without the stack trace knex appends", () => {
    STDERR_KNEX_LOG.warn?.(`Acquire connection error: ${STACK}`);
    expect(written()).toEqual([`spine-runtime (knex): Acquire connection error: ${REFUSED}\n`]);
    expect(log).not.toHaveBeenCalled();
  });

  it("writes an Error's message only, on one line", () => {
    const error = new Error("first line\nsecond line");
    STDERR_KNEX_LOG.error?.(error);
    expect(written()).toEqual(["spine-runtime (knex): first line second line\n"]);
  });

  it("writes knex's missing-driver error on one line, stack dropped", () => {
    const missing = "Error: Cannot find module 'pg'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)";
    STDERR_KNEX_LOG.error?.(`Knex: run\n$ npm install pg --save\nCannot find module 'pg'\n${missing}`);
    expect(written()).toEqual(["spine-runtime (knex): Knex: run $ npm install pg --save Cannot find module 'pg' Error: Cannot find module 'pg'\n"]);
  });

  it("writes a deprecation as one line, as knex passes it (one sentence) and as its type names it (two parts)", () => {
    STDERR_KNEX_LOG.deprecate?.("json(true) is deprecated, please use jsonb()", undefined as unknown as string);
    STDERR_KNEX_LOG.deprecate?.("json(true)", "jsonb()");
    expect(written()).toEqual(["spine-runtime (knex): json(true) is deprecated, please use jsonb()\n", "spine-runtime (knex): json(true) is deprecated, please use jsonb()\n"]);
  });

  it("drops debug messages", () => {
    STDERR_KNEX_LOG.debug?.("a debug message");
    expect(stderr).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it("is frozen, and its prefix is spine-runtime (knex)", () => {
    expect(Object.isFrozen(STDERR_KNEX_LOG)).toBe(true);
    expect(KNEX_LOG_PREFIX).toBe("spine-runtime (knex): ");
  });
});

describe("knexLogLine", () => {
  it.each([
    ["a string", "The pool has already been initialized", "The pool has already been initialized"],
    ["a stack trace after the message", `Connection Error: ${STACK}`, `Connection Error: ${REFUSED}`],
    ["CRLF line breaks and runs of spaces", "a\r\nb   c\t d", "a b c d"],
    ["an Error", new TypeError("bad"), "bad"],
    ["an object, inspected on one line", { sql: "select 1", bindings: [1, 2] }, "{ sql: 'select 1', bindings: [ 1, 2 ] }"],
    ["undefined", undefined, "undefined"],
  ])("turns %s into one line", (_label, message, line) => {
    expect(knexLogLine(message)).toBe(line);
  });
});
