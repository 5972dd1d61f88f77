/**
 * Output for adopters: progress on a terminal (stderr, erased at the end;
 * none with --quiet or without a terminal), and github/sarif paths relative
 * to the git root when a folder of a monorepo is checked with --root.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import type { CommandIo } from "../../../../tools/checker/commands/command.js";
import { fixtureRepo } from "../fixture.js";

/** The policy fixture (one layer rule broken once, unsuppressed, at src/plugins/chart.ts:3:1). */
function repository(): string {
  return fixtureRepo("adopt-policy", { standalone: true });
}

/** Runs the command line with a terminal's progress options; returns the exit code and both outputs. */
async function run(argv: readonly string[], progress: CommandIo["progress"]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), ...(progress === undefined ? {} : { progress }) };
  const code = await runCli([...argv, "--no-cache"], io);
  return { code, stdout, stderr };
}

describe("progress on a terminal", () => {
  it("shows the phase and the files analysed of the total on stderr, then erases its line", async () => {
    const root = repository();
    const shown = await run(["--root", root], { tty: true, delayMs: 0, timer: false });
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain("\r\u001b[Kspine-check: analysing files 3/3");
    expect(shown.stderr.endsWith("\r\u001b[K")).toBe(true);
    expect(shown.stdout).toContain("src/plugins/chart.ts:3:1  error  layer-boundary");
  });

  it("shows none with --quiet, none without a terminal, and none before the delay", async () => {
    const root = repository();
    expect((await run(["--root", root, "--quiet"], { tty: true, delayMs: 0, timer: false })).stderr).toBe("");
    expect((await run(["--root", root], { tty: false })).stderr).toBe("");
    expect((await run(["--root", root], { tty: true, delayMs: 60_000, timer: false })).stderr).toBe("");
  });
});

describe("paths in github and sarif output", () => {
  it("are relative to the git root when a folder of it is checked with --root", async () => {
    const top = repository();
    // The repository becomes packages/x of a git working tree.
    const monorepo = fixtureRepo("adopt-policy", { standalone: true });
    mkdirSync(join(monorepo, ".git"));
    writeFileSync(join(monorepo, ".git/HEAD"), "ref: refs/heads/main\n");
    cpSync(top, join(monorepo, "packages/x"), { recursive: true });
    const github = await run(["--root", join(monorepo, "packages/x"), "--format", "github", "--quiet"], undefined);
    expect(github.code).toBe(1);
    expect(github.stdout.split("\n").filter((line) => line.startsWith("::error")).map((line) => line.split("::")[1])).toEqual([
      "error file=packages/x/src/host.ts,line=1,col=1,title=no-circular",
      "error file=packages/x/src/host.ts,line=5,col=10,title=unanalysable-import",
      "error file=packages/x/src/plugins/chart.ts,line=3,col=1,title=layer-boundary",
      "error file=packages/x/src/plugins/chart.ts,line=3,col=36,title=invalid-suppression",
      "error file=packages/x/src/registry.ts,line=1,col=1,title=no-circular",
    ]);
    const sarif = await run(["--root", join(monorepo, "packages/x"), "--format", "sarif"], undefined);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toContain("packages/x/src/plugins/chart.ts");
  });
});
