/**
 * Finds the module contract files under `contracts/`.
 */
import { walkFiles } from "../files/walk.js";
import { CONTRACT_SUFFIX, CONTRACTS_DIR } from "./paths.js";

/** Lists the contract files under `contracts/`, sorted, relative to `root`. */
export function findContractFiles(root: string): string[] {
  return walkFiles(root, CONTRACTS_DIR, { accept: (_path, name) => name.endsWith(CONTRACT_SUFFIX) });
}
