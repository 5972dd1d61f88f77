/**
 * Reads a dependency-cruiser configuration file the way dependency-cruiser
 * does (`.js`, `.cjs`, `.mjs` or `.json`, `extends` followed): the file is
 * run, as dependency-cruiser runs it.
 */
import type { IConfiguration } from "dependency-cruiser";
import { CheckerConfigError } from "../../errors.js";

/**
 * Loads the configuration at `path` (absolute).
 * @throws {CheckerConfigError} when the file cannot be found or read.
 */
export async function loadDepcruiseConfig(path: string): Promise<IConfiguration> {
  const { default: extract } = await import("dependency-cruiser/config-utl/extract-depcruise-config");
  try {
    return await extract(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim() : String(error);
    throw new CheckerConfigError(`--from-depcruise: cannot read ${path}: ${reason}`, { cause: error });
  }
}
