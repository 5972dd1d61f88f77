import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkerBuildHash, hashCheckerFiles } from "../../../../tools/checker/cache/build.js";
import { REPOSITORY } from "../fixture.js";

const exec = promisify(execFile);

describe("the checker's build hash", () => {
  it("from the sources is the hash of every .ts file under tools/checker, which names the bundle launch.mjs runs", async () => {
    const hash = hashCheckerFiles(join(REPOSITORY, "tools/checker"), ".ts");
    expect(checkerBuildHash()).toBe(hash);
    await exec(process.execPath, ["tools/checker/launch.mjs", "--help"], { cwd: REPOSITORY });
    expect(existsSync(join(REPOSITORY, `node_modules/.cache/spine-check/checker-${hash}/bin.mjs`))).toBe(true);
  });
});
