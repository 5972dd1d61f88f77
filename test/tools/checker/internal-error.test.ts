/**
 * An internal error (a bug of spine-check) is exit code 3 with one line that
 * says so and where to report it, never a verdict's exit code; the stack
 * trace only with --debug. The same for spine-check, --update, the child
 * engine of --engine all, and spine-docs. The fault is injected by
 * test/support/fault.mjs into the real bins.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUG_REPORT_URL } from "../../../tools/checker/errors.js";
import { fixtureRepo, REPOSITORY, runBin } from "./fixture.js";

const FAULT = { NODE_OPTIONS: `--import ${join(REPOSITORY, "test/support/fault.mjs")}` };

/** The `bugs` URL of the spine-check package. */
const BUGS_URL = (JSON.parse(readFileSync(join(REPOSITORY, "tools/package.json"), "utf8")) as { bugs: { url: string } }).bugs.url;

/** The one line of an internal error without --debug. */
function line(command: string, description: string): string {
  return `${command}: internal error: ${description} (a bug of spine-check: please report it at ${BUGS_URL}; run again with --debug for the stack trace)\n`;
}

describe("an internal error", () => {
  it("names the bugs URL of tools/package.json", () => {
    expect(BUG_REPORT_URL).toBe(BUGS_URL);
  });

  it.each([
    ["spine-check", ["--engine", "ts-morph"]],
    ["spine-check", ["--engine", "depcruise"]],
    ["spine-check", ["--update"]],
    ["spine-docs", []],
    ["spine-docs", ["--check"]],
  ] as const)("%s %j: exit 3, one line, no stack trace", async (command, argv) => {
    const root = fixtureRepo("base", { standalone: true });
    const run = await runBin(command, ["--root", root, ...(command === "spine-check" ? ["--no-cache"] : []), ...argv], FAULT);
    expect(run).toEqual({ code: 3, stdout: "", stderr: line(command, "TypeError: injected fault") });
  });

  it("in the ts-morph child of --engine all: exit 3, one line naming the child, never a verdict", async () => {
    const root = fixtureRepo("inbound-import");
    const run = await runBin("spine-check", ["--root", root, "--no-cache", "--engine", "all"], { ...FAULT, SPINE_FAULT_ARGV: "--engine ts-morph" });
    expect(run).toEqual({
      code: 3,
      stdout: "",
      stderr: line("spine-check", "EngineCrashError: the ts-morph engine's process failed: TypeError: injected fault"),
    });
  });

  it("prints the stack trace with --debug (of the child too, under --engine all)", async () => {
    const root = fixtureRepo("base", { standalone: true });
    const own = await runBin("spine-check", ["--root", root, "--no-cache", "--debug"], FAULT);
    expect(own.code).toBe(3);
    const [first, second, third] = own.stderr.split("\n");
    expect(first).toBe(`spine-check: internal error: TypeError: injected fault (a bug of spine-check: please report it at ${BUGS_URL})`);
    expect(second).toBe("TypeError: injected fault");
    expect(third).toMatch(/^ {4}at .*fault\.mjs:\d+:\d+\)$/);

    const docs = await runBin("spine-docs", ["--root", root, "--debug"], FAULT);
    expect(docs.code).toBe(3);
    expect(docs.stderr.split("\n").slice(0, 2)).toEqual([`spine-docs: internal error: TypeError: injected fault (a bug of spine-check: please report it at ${BUGS_URL})`, "TypeError: injected fault"]);

    const all = await runBin("spine-check", ["--root", root, "--no-cache", "--engine", "all", "--debug"], { ...FAULT, SPINE_FAULT_ARGV: "--engine ts-morph" });
    expect(all.code).toBe(3);
    expect(all.stdout).toBe("");
    expect(all.stderr.split("\n")[0]).toBe(
      `spine-check: internal error: EngineCrashError: the ts-morph engine's process failed: TypeError: injected fault (a bug of spine-check: please report it at ${BUGS_URL})`,
    );
    expect(all.stderr).toContain("its standard error:\nspine-check: internal error: TypeError: injected fault");
    expect(all.stderr).toMatch(/\n {4}at .*fault\.mjs:\d+:\d+\)\n/);
  });
});
