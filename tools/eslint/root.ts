/**
 * Which repository a linted file belongs to: the folder named by the
 * `settings["spine-check"].root` of the ESLint configuration (relative to
 * the working directory), else the nearest folder above the file that holds
 * `contracts/project.yaml`.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The settings key the plugin reads. */
export const SETTINGS_KEY = "spine-check";

/** The plugin's settings (`settings["spine-check"]` of the ESLint configuration). */
export interface SpineCheckSettings {
  /** The repository root (the folder that holds `contracts/`), relative to the working directory. */
  readonly root?: string;
}

const found = new Map<string, string>();

/**
 * The nearest folder at or above `folder` that holds `contracts/project.yaml`
 * (remembered per folder once found; a folder with none is looked at again,
 * so that a project file written later is found).
 */
export function repositoryAbove(folder: string): string | undefined {
  const known = found.get(folder);
  if (known !== undefined) return known;
  const parent = dirname(folder);
  const root = existsSync(join(folder, "contracts", "project.yaml")) ? folder : parent === folder ? undefined : repositoryAbove(parent);
  if (root !== undefined) found.set(folder, root);
  return root;
}

/**
 * The repository of the file at `filename` (absolute).
 * @throws {Error} when the settings name no root and no folder above the file holds `contracts/project.yaml`.
 */
export function repositoryOf(filename: string, settings: unknown, cwd: string): string {
  const own = (settings as Record<string, SpineCheckSettings | undefined> | undefined)?.[SETTINGS_KEY]?.root;
  if (typeof own === "string") return resolve(cwd, own);
  const root = repositoryAbove(dirname(resolve(cwd, filename)));
  if (root === undefined) {
    throw new Error(`spine-check: no contracts/project.yaml in ${dirname(filename)} or above; set settings["${SETTINGS_KEY}"].root in the ESLint configuration`);
  }
  return root;
}
