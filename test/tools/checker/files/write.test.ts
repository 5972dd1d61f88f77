/**
 * The one writer of repository files: a file the file system refuses to
 * write (`--update`'s contract, spine-docs' page) is exit 2 naming the file,
 * never an internal error (the fuzzer found both as exit 3); a page that is a
 * symbolic link, a FIFO or a directory is exit 2, never written or read
 * through, never a hang.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CheckerError } from "../../../../tools/checker/errors.js";
import { writeRepositoryFile } from "../../../../tools/checker/files/write.js";
import { runDocsCli } from "../../../../tools/docs/cli.js";
import { cli, fixtureRepo, tempDir } from "../fixture.js";

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

/** Runs spine-docs in-process. */
function docs(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = runDocsCli(argv, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe("a page of docs/ that is not a regular file", () => {
  /** The base with its docs generated, and a file outside it that a link may point to. */
  function documented(): { root: string; victim: string } {
    const root = fixtureRepo("base", { standalone: true });
    expect(docs(["--root", root]).code).toBe(0);
    const victim = join(tempDir(), "victim.txt");
    writeFileSync(victim, "not yours\n");
    return { root, victim };
  }

  it("a symbolic link is neither read nor written through: exit 2, what it points to unchanged and unprinted", () => {
    const { root, victim } = documented();
    rmSync(join(root, "docs/README.md"));
    symlinkSync(victim, join(root, "docs/README.md"));
    for (const argv of [["--check"], []]) {
      expect(docs(["--root", root, ...argv])).toEqual({ code: 2, stdout: "", stderr: "spine-docs: docs/README.md: cannot be read: a symbolic link\n" });
    }
    expect(readFileSync(victim, "utf8")).toBe("not yours\n");
  });

  it("a symbolic link to a folder on the way: exit 2, nothing written into it", () => {
    const { root } = documented();
    const elsewhere = tempDir();
    rmSync(join(root, "docs/spine"), { recursive: true });
    symlinkSync(elsewhere, join(root, "docs/spine"));
    expect(docs(["--root", root])).toEqual({ code: 2, stdout: "", stderr: "spine-docs: docs/spine/drivers/ledger.md: cannot be read: docs/spine is a symbolic link\n" });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it.each([
    ["a FIFO", (path: string) => execFileSync("mkfifo", [path])],
    ["a directory", (path: string) => mkdirSync(path)],
  ])("%s: exit 2 at once, never a hang", (what, make) => {
    const { root } = documented();
    rmSync(join(root, "docs/README.md"));
    make(join(root, "docs/README.md"));
    for (const argv of [["--check"], []]) {
      expect(docs(["--root", root, ...argv])).toEqual({ code: 2, stdout: "", stderr: `spine-docs: docs/README.md: cannot be read: ${what}\n` });
    }
  });

  it("writeRepositoryFile refuses a symbolic link at the file or on the way", () => {
    const { root, victim } = documented();
    symlinkSync(victim, join(root, "link.md"));
    expect(() => writeRepositoryFile(root, "link.md", "x")).toThrow(new CheckerError("link.md: cannot write it: a symbolic link, not written through"));
    symlinkSync(dirname(victim), join(root, "linked"));
    expect(() => writeRepositoryFile(root, "linked/victim.txt", "x")).toThrow(new CheckerError("linked/victim.txt: cannot write it: linked is a symbolic link, not written through"));
    expect(readFileSync(victim, "utf8")).toBe("not yours\n");
    writeRepositoryFile(root, "new/folder/page.md", "written\n");
    expect(readFileSync(join(root, "new/folder/page.md"), "utf8")).toBe("written\n");
  });
});
