/**
 * Where the YAML files of the contracts live, relative to the repository root.
 */

/** Folder of the contracts. */
export const CONTRACTS_DIR = "contracts";
/** The project file. */
export const PROJECT_FILE = `${CONTRACTS_DIR}/project.yaml`;
/** Suffix of module contract files. */
export const CONTRACT_SUFFIX = ".contract.yaml";
