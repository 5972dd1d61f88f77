/**
 * Finds the repository to check when no `--root` is given: the nearest
 * folder, from the current one upward, that holds `contracts/project.yaml`.
 */
import { dirname, join } from "node:path";
import { isFile } from "../files/exists.js";
import { PROJECT_FILE } from "./paths.js";

/** Where the search ended: the repository found, or every folder looked in. */
export type Discovery = { readonly root: string } | { readonly searched: readonly string[] };

/** Looks for `contracts/project.yaml` in `from` (absolute) and each folder above it. */
export function discoverRoot(from: string): Discovery {
  const searched: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    searched.push(dir);
    if (isFile(join(dir, PROJECT_FILE))) return { root: dir };
    if (dirname(dir) === dir) return { searched };
  }
}
