/**
 * Keeps a cache folder that lives in the repository (outside
 * `node_modules`) out of git: `init` adds it to `.gitignore` once.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { relativePosix } from "../files/posix.js";

/**
 * Adds `dir` (absolute) to the repository's `.gitignore` when it lies inside
 * the repository, outside `node_modules`, and the file does not list it yet.
 * @returns the line added, or `undefined` when none was needed.
 */
export function ignoreCacheFolder(root: string, dir: string): string | undefined {
  const path = relativePosix(root, dir);
  if (path === "" || path.startsWith("..") || path.split("/").includes("node_modules")) return undefined;
  const file = join(root, ".gitignore");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const line = `${path}/`;
  const listed = text.split(/\r?\n/).some((entry) => [path, line, `/${path}`, `/${line}`].includes(entry.trim()));
  if (listed) return undefined;
  appendFileSync(file, `${text === "" || text.endsWith("\n") ? "" : "\n"}# spine-check's cache\n${line}\n`);
  return line;
}
