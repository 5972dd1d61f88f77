/**
 * Loads and validates every module contract under `contracts/`, and refuses
 * two contracts for one file. Problems of all files are collected and thrown
 * together.
 */
import { join } from "node:path";
import { type CacheStore, NO_CACHE } from "../cache/store.js";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { readInputFile } from "../files/read.js";
import { DEFAULT_LIMITS } from "../limits.js";
import { findContractFiles } from "./files.js";
import type { ContractData } from "./types.js";
import { type CachedYaml, loadYamlFile } from "./yaml-file.js";
import type { PositionOf, YamlPath } from "./yaml.js";

/** A module contract as loaded. */
export interface LoadedContract {
  /** Path of the contract file, relative to the repository root. */
  readonly contractFile: string;
  readonly data: ContractData;
  /** The raw text. */
  readonly text: string;
  /** 1-based line and column of a node of the YAML, by path (`["placement","file"]`). */
  readonly positionOf: PositionOf;
}

/** The paths whose positions the rules report: `placement.file`, each `actual_imports` list and each export (of the sections declared). */
function reportedPaths(data: ContractData): YamlPath[] {
  const paths: YamlPath[] = [["placement", "file"]];
  if (data.actual_imports !== undefined) paths.push(["actual_imports", "internal"], ["actual_imports", "external"]);
  for (const section of ["functions", "classes", "types", "protocols", "constants"] as const) {
    data.exports?.[section].forEach((_, index) => paths.push(["exports", section, index]));
  }
  return paths;
}

/** Adds a problem for every contract whose `placement.file` an earlier contract already names. */
function duplicateProblems(contracts: readonly LoadedContract[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const contract of contracts) {
    const other = seen.get(contract.data.placement.file);
    if (other !== undefined) {
      problems.push({
        file: contract.contractFile,
        ...contract.positionOf(["placement", "file"]),
        reason: `placement.file "${contract.data.placement.file}" is already contracted by ${other}`,
      });
    }
    seen.set(contract.data.placement.file, contract.contractFile);
  }
  return problems;
}

/** A contract with `boundary.forbidden_inbound` defaulted to none (a boundary may give only `allowed_inbound`). */
function withBoundaryDefaults(data: ContractData): ContractData {
  if ((data.boundary as Partial<ContractData["boundary"]>).forbidden_inbound !== undefined) return data;
  return { ...data, boundary: { ...data.boundary, forbidden_inbound: [] } };
}

/** The cache section of the validated contracts. */
export const CONTRACTS_SECTION = "contracts";

/**
 * Loads every contract under `contracts/`, sorted by contract file.
 * @param cache - remembers validated contracts by the hash of their text.
 * @param maxBytes - the largest contract file read (`limits.contract_bytes`).
 * @throws {CheckerConfigError} listing the problems of every file.
 */
export function loadContracts(root: string, cache: CacheStore = NO_CACHE, maxBytes = DEFAULT_LIMITS.contract_bytes): LoadedContract[] {
  const section = cache.section<CachedYaml<ContractData>>(CONTRACTS_SECTION, { untouched: "drop" });
  const contracts: LoadedContract[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of findContractFiles(root)) {
    try {
      const text = readInputFile(file, join(root, file), maxBytes, "limits.contract_bytes");
      if (text === undefined) continue;
      const loaded = loadYamlFile(file, text, "contract", section, reportedPaths);
      contracts.push({ contractFile: file, data: withBoundaryDefaults(loaded.data), text: loaded.text, positionOf: loaded.positionOf });
    } catch (error) {
      if (error instanceof CheckerConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  problems.push(...duplicateProblems(contracts));
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return contracts;
}
