/**
 * The one place that makes paths posix: on POSIX nothing changes (a
 * backslash is part of a file's name there, not a separator).
 */
import { sep } from "node:path";
import { describe, expect, it } from "vitest";
import { relativePosix, toPosix } from "../../../../tools/checker/files/posix.js";

describe("toPosix and relativePosix", () => {
  it("give the path from the root with / separators", () => {
    expect(relativePosix("/repo", "/repo/src/a/b.ts")).toBe("src/a/b.ts");
    expect(relativePosix("/repo", "/repo")).toBe("");
    expect(toPosix(["src", "a", "b.ts"].join(sep))).toBe("src/a/b.ts");
  });

  it.runIf(sep === "/")("keep a backslash on POSIX, where it is part of a name", () => {
    expect(toPosix("src/odd\\name.ts")).toBe("src/odd\\name.ts");
    expect(relativePosix("/repo", "/repo/src/odd\\name.ts")).toBe("src/odd\\name.ts");
  });
});
