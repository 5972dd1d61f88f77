/**
 * Whether a path names a regular file.
 */
import { statSync } from "node:fs";

/** True when `path` (absolute) is a regular file (symbolic links followed). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
