/**
 * Finds the module contract files under `contracts/`. A contract that is a
 * symbolic link, a FIFO or a device, or whose name is not UTF-8, is refused
 * (a contract that is not read would leave its rules unchecked).
 */
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { walkFiles } from "../files/walk.js";
import { CONTRACT_SUFFIX, CONTRACTS_DIR } from "./paths.js";

/**
 * Lists the contract files under `contracts/`, sorted, relative to `root`.
 * @throws {CheckerConfigError} when `contracts/` is not a folder, or a contract is not a regular file.
 */
export function findContractFiles(root: string): string[] {
  const problems: ConfigProblem[] = [];
  let files: string[];
  try {
    files = walkFiles(root, CONTRACTS_DIR, {
      accept: (_path, name) => name.endsWith(CONTRACT_SUFFIX),
      skipped: (path, entry) => {
        if (!path.endsWith(CONTRACT_SUFFIX) && entry.kind !== "undecodable-name") return;
        const what = entry.kind === "symbolic-link" ? "a symbolic link (spine-check reads contracts from regular files only)" : entry.kind === "special" ? entry.what : "a name that is not valid UTF-8";
        problems.push({ file: path, line: 0, column: 0, reason: `cannot be read: ${what}` });
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckerConfigError([{ file: CONTRACTS_DIR, line: 0, column: 0, reason: `cannot be listed: ${code === "ENOTDIR" ? "it is not a folder" : String(code)}` }], { cause: error });
  }
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return files;
}
