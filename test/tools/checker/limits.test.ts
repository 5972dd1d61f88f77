/**
 * The limits on source files (tools/checker/limits.ts), set low in the
 * `limits-source` fixture: a driver over `analyse_bytes` is not analysed for
 * transaction control or exports, a file over `parse_bytes` is still scanned
 * for its imports (by the ts-morph engine; dependency-cruiser leaves it
 * out), a file over `read_bytes` is not read; every skip is a warning.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, formatBytes } from "../../../tools/checker/limits.js";
import type { Violation } from "../../../tools/checker/result.js";
import { cli, fixtureRepo, located } from "./fixture.js";

interface Report {
  readonly violations: readonly Violation[];
  readonly warnings: readonly { file: string; message: string }[];
}

async function report(root: string, engine: string): Promise<{ code: number; report: Report }> {
  const run = await cli(["--root", root, "--engine", engine, "--format", "json"]);
  expect(run.stderr).toBe("");
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

const PARSE_WARNING = {
  file: "api/refund.ts",
  message:
    "2.4 KiB, larger than limits.parse_bytes (1.6 KiB): scanned for imports without a syntax tree: each import counts as a value import of the whole module, and nothing is followed through its re-exports",
};
const ANALYSE_WARNINGS = [
  { file: "spine/drivers/ledger.ts", message: "not analysed for its exports: 845 bytes, larger than limits.analyse_bytes (800 bytes); its imports are checked" },
  { file: "spine/drivers/ledger.ts", message: "not analysed for transaction control: 845 bytes, larger than limits.analyse_bytes (800 bytes); its imports are checked" },
];

describe("limits on source files", () => {
  it("the defaults are the documented values", () => {
    expect(Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([name, bytes]) => [name, formatBytes(bytes)]))).toEqual({
      contract_bytes: "1 MiB",
      analyse_bytes: "4 MiB",
      parse_bytes: "32 MiB",
      read_bytes: "256 MiB",
    });
  });

  it("ts-morph: the file over parse_bytes is still caught importing the driver; the driver over analyse_bytes is not judged for its commit; each skip is a warning", async () => {
    const { code, report: result } = await report(fixtureRepo("limits-source"), "ts-morph");
    expect(code).toBe(1);
    expect(result.violations.map(located)).toEqual(["inbound-boundary api/refund.ts:34:21"]);
    expect(result.warnings).toEqual([PARSE_WARNING, ...ANALYSE_WARNINGS]);
  });

  it("depcruise: the file over parse_bytes is left out, and a warning says so", async () => {
    const { code, report: result } = await report(fixtureRepo("limits-source"), "depcruise");
    expect(code).toBe(0);
    expect(result.warnings).toEqual([{ file: "api/refund.ts", message: "not analysed by dependency-cruiser: 2.4 KiB, larger than limits.parse_bytes (1.6 KiB)" }]);
  });

  it("all: the violation is found, every warning of both engines is printed", async () => {
    const { code, report: result } = await report(fixtureRepo("limits-source"), "all");
    expect(code).toBe(1);
    expect(result.violations.map(located)).toEqual(["inbound-boundary api/refund.ts:34:21"]);
    expect(result.warnings).toEqual([PARSE_WARNING, { file: "api/refund.ts", message: "not analysed by dependency-cruiser: 2.4 KiB, larger than limits.parse_bytes (1.6 KiB)" }, ...ANALYSE_WARNINGS]);
  });

  it("a file over read_bytes is not read, and a warning says so", async () => {
    const root = fixtureRepo("limits-source");
    writeFileSync(join(root, "api/huge.ts"), `import { post } from "../spine/drivers/ledger.js";\n// ${"x".repeat(100_000)}\n`);
    const { report: result } = await report(root, "ts-morph");
    expect(result.warnings).toContainEqual({ file: "api/huge.ts", message: "not read: 100055 bytes, larger than limits.read_bytes (100000)" });
    expect(result.violations.map(located)).toEqual(["inbound-boundary api/refund.ts:34:21"]);
  });
});
