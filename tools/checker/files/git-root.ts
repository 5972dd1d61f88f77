/**
 * The root of the git working tree a folder belongs to: the nearest folder
 * upward that holds `.git` (a folder, or a file in a linked worktree or a
 * submodule).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { relativePosix } from "./posix.js";

/** The git working tree's root for the folder `dir` (absolute), or `undefined` outside git. */
export function gitRoot(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, ".git"))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** The path of `dir` (absolute) from its git working tree's root, with `/` ("" at the root or outside git). */
export function pathInGitTree(dir: string): string {
  const top = gitRoot(dir);
  return top === undefined ? "" : relativePosix(top, dir);
}
