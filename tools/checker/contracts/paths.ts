/**
 * Where the YAML files of the contracts live, relative to the repository root.
 */

/** Folder of the contracts. */
export const CONTRACTS_DIR = "contracts";
/** The project file. */
export const PROJECT_FILE = `${CONTRACTS_DIR}/project.yaml`;
/** The baseline file used when neither `--baseline` nor `baseline:` names one. */
export const DEFAULT_BASELINE = `${CONTRACTS_DIR}/baseline.yaml`;
/** Suffix of module contract files. */
export const CONTRACT_SUFFIX = ".contract.yaml";

/**
 * The contract file of a module: `contracts/` and the module's path without
 * its extension (and without a leading `spine/`, this repository's own
 * convention for its package folder), then `.contract.yaml`.
 */
export function contractFileFor(path: string): string {
  return `${CONTRACTS_DIR}/${path.replace(/^spine\//, "").replace(/\.[cm]?[jt]sx?$/, "")}${CONTRACT_SUFFIX}`;
}
