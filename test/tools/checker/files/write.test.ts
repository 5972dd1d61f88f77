/**
 * The one writer of repository files: a file the file system refuses to
 * write (`--update`'s contract, spine-docs' page) is exit 2 naming the file,
 * never an internal error (the fuzzer found both as exit 3).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDocsCli } from "../../../../tools/docs/cli.js";
import { cli, fixtureRepo } from "../fixture.js";

const locked: string[] = [];
afterEach(() => {
  for (const path of locked.splice(0)) {
    if (process.getuid?.() === 0) execFileSync("chattr", ["-i", path]);
    else chmodSync(path, 0o755);
  }
});

/** Makes a file or folder unwritable, even for root (`chattr +i`); undone after the test. */
function lock(path: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["+i", path]);
  else chmodSync(path, 0o555);
  locked.push(path);
}

describe("a repository file the file system refuses to write", () => {
  it("--update: exit 2 naming the contract", async () => {
    const root = fixtureRepo("export-drift-extra");
    lock(join(root, "contracts/drivers/ledger.contract.yaml"));
    const run = await cli(["--root", root, "--update"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      process.getuid?.() === 0
        ? "spine-check: contracts/drivers/ledger.contract.yaml: cannot write it: EPERM: operation not permitted\n"
        : "spine-check: contracts/drivers/ledger.contract.yaml: cannot write it: EACCES: permission denied\n",
    );
  });

  it("spine-docs: exit 2 naming the page", () => {
    const root = fixtureRepo("base", { standalone: true });
    mkdirSync(join(root, "docs"));
    lock(join(root, "docs"));
    let stderr = "";
    const code = runDocsCli(["--root", root], { stdout: () => undefined, stderr: (text) => void (stderr += text) });
    expect({ code, stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^spine-docs: docs\/[\w/.-]+\.md: cannot write it: E(PERM|ACCES): /) as unknown as string });
  });
});
