import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { childV8Options } from "../../../../tools/checker/engines/child-v8.js";

describe("the child engine's V8 options", () => {
  it.each([
    ["20.20.2", ["--interrupt-budget=540672"]],
    ["22.12.0", ["--invocation-count-for-turbofan=12000"]],
    ["24.11.1", []],
    ["26.0.0", []],
  ])("Node %s gets %j", (version, options) => {
    expect(childV8Options(version)).toEqual(options);
  });

  it("are accepted by the Node running the tests", () => {
    const options = childV8Options(process.versions.node);
    expect(execFileSync(process.execPath, [...options, "-e", "process.stdout.write('ok')"], { encoding: "utf8" })).toBe("ok");
  });
});
