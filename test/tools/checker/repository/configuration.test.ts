import { describe, expect, it, vi } from "vitest";

// No typescript package resolves, neither from the repository nor from the checker.
vi.mock("../../../../tools/checker/guards.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../../../tools/checker/guards.js")>()),
  installedTypeScriptVersion: () => undefined,
}));

const { TYPESCRIPT_MISSING } = await import("../../../../tools/checker/guards.js");
const { cli, fixtureRepo } = await import("../fixture.js");

describe("a repository without the typescript package", () => {
  it.each(["ts-morph", "depcruise"])("is refused with exit 2 and the reason (%s engine)", async (engine) => {
    expect(await cli(["--root", fixtureRepo("base", { standalone: true }), "--engine", engine])).toEqual({
      code: 2,
      stdout: "",
      stderr: `spine-check: configuration error\n${TYPESCRIPT_MISSING}\n`,
    });
  });
});
