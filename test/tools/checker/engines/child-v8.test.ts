/**
 * The child engine's V8 options (tools/checker/engines/child-v8.ts), by
 * behaviour rather than by restating its table: the options for the running
 * Node are accepted by that Node (a Node started with them runs, with no
 * warning), a major version the module does not document gets none (an
 * unknown or future Node), and the options depend on the major version
 * only, differing exactly for the majors the module's comments document.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childV8Options } from "../../../../tools/checker/engines/child-v8.js";
import { REPOSITORY } from "../fixture.js";

/** What a Node started with `options` printed, and its exit code. */
function runNode(options: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [...options, "-e", "process.stdout.write('ok')"], { encoding: "utf8" });
  return { status, stdout, stderr };
}

/** What Node prints for an option it does not take (a V8 flag it does not know is one). */
const REJECTED = /bad option|not a V8 option|unknown flag|unrecognized flag|Warning/i;

/** Node majors to probe: every one from Node 0 to well past the running one. */
const MAJORS = Array.from({ length: Number(process.versions.node.split(".")[0]) + 20 }, (_, major) => major);

describe("the child engine's V8 options", () => {
  it("are accepted by the Node running the tests: it runs with them, exits 0 and warns about nothing", () => {
    // The check can fail: the running Node rejects an option it does not know.
    expect(runNode(["--no-such-v8-flag-of-spine=1"]).stderr).toMatch(REJECTED);
    const run = runNode(childV8Options(process.versions.node));
    expect(run).toEqual({ status: 0, stdout: "ok", stderr: "" });
  });

  it("are none for a Node major nobody measured (unknown or future) and for a malformed version", () => {
    for (const version of ["99.0.0", "1000.2.3", "", "not-a-version"]) expect({ version, options: childV8Options(version) }).toEqual({ version, options: [] });
  });

  it("depend on the major version only, not on the minor or the patch", () => {
    for (const major of MAJORS) {
      const first = childV8Options(`${major}.0.0`);
      for (const version of [`${major}.1.0`, `${major}.12.3`, `${major}.99.99`]) expect({ version, options: childV8Options(version) }).toEqual({ version, options: first });
    }
  });

  it("differ from none exactly for the majors the module documents (a `// Node N (V8 …)` comment each), each with its own options", () => {
    const source = readFileSync(join(REPOSITORY, "tools/checker/engines/child-v8.ts"), "utf8");
    const documented = [...source.matchAll(/\/\/ Node (\d+) \(V8 [\d.]+\)/g)].map((match) => Number(match[1]));
    expect(documented.length).toBeGreaterThan(0);
    const tuned = MAJORS.filter((major) => childV8Options(`${major}.0.0`).length > 0);
    expect(tuned).toEqual(documented);
    const distinct = new Set(tuned.map((major) => childV8Options(`${major}.0.0`).join(" ")));
    expect(distinct.size).toBe(tuned.length);
    for (const major of tuned) for (const option of childV8Options(`${major}.0.0`)) expect(option).toMatch(/^--[a-z][a-z0-9-]*(=\S+)?$/);
  });
});
