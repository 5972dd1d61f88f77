/**
 * Says where a symbolic link of the repository leads, for the warning that
 * reports it was not followed.
 */
import { readlinkSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { relativePosix } from "./posix.js";

/** Where a symbolic link leads. */
export interface LinkTarget {
  /** The link's text, as `ls -l` shows it. */
  readonly text: string;
  /** Whether it leads to a folder. */
  readonly folder: boolean;
  /** Where it leads, in words: out of the tree, back into it (a loop), to a file of the tree, or nowhere. */
  readonly leads: string;
}

/** Describes the symbolic link at `path` (relative to `root`, with `/`). */
export function linkTarget(root: string, path: string): LinkTarget {
  const absolute = join(root, path);
  let text = "";
  try {
    text = readlinkSync(absolute);
  } catch {
    // Gone since it was listed: described as leading nowhere.
  }
  let real: string;
  let folder = false;
  try {
    real = realpathSync(absolute);
    folder = statSync(real).isDirectory();
  } catch (error) {
    const loop = (error as NodeJS.ErrnoException).code === "ELOOP";
    return { text, folder: false, leads: loop ? "it is a loop of links" : "it leads nowhere" };
  }
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // The root itself is gone: every path is outside.
  }
  const inside = relativePosix(realRoot, real);
  if (inside.startsWith("../") || inside === ".." || inside.startsWith("/")) return { text, folder, leads: `it leads out of the tree (to ${real})` };
  const linkDir = path.split("/").slice(0, -1).join("/");
  if (folder && (inside === "" || linkDir === inside || linkDir.startsWith(`${inside}/`))) {
    return { text, folder, leads: `it leads back to ${inside === "" ? "the root" : inside}, a folder above it (a loop)` };
  }
  return { text, folder, leads: `it leads to ${inside} in the tree (checked under that path if the scan includes it)` };
}
