/**
 * `--update`: rewrites the `exports` and `actual_imports` sections of every
 * contract from the code, keeping each export's declared consumers, and
 * inserts them into a contract that lacks them (a new contract needs only
 * `placement.file` and `boundary`). Only those two sections change; every
 * other byte of the file (comments included) stays as it was.
 */
import { isDeepStrictEqual } from "node:util";
import { actualImports } from "../analyse/imports.js";
import type { ActualImportsSection, ExportsSection } from "../contracts/types.js";
import { parseYaml } from "../contracts/yaml.js";
import { writeRepositoryFile } from "../files/write.js";
import type { Repository } from "../repository/open.js";
import { replaceSection } from "./splice.js";

type Entry = { readonly name: string; readonly consumers: readonly string[] };

function keepConsumers<T extends Entry>(fresh: readonly T[], old: readonly Entry[]): T[] {
  const byName = new Map(old.map((e) => [e.name, e.consumers]));
  return fresh.map((entry) => ({ ...entry, consumers: [...(byName.get(entry.name) ?? entry.consumers)] }));
}

/** Merges freshly read exports with the consumers declared in the old section (none when the contract had no section). */
export function mergeExports(fresh: ExportsSection, old: ExportsSection | undefined): ExportsSection {
  if (old === undefined) return fresh;
  return {
    functions: keepConsumers(fresh.functions, old.functions),
    classes: keepConsumers(fresh.classes, old.classes),
    types: keepConsumers(fresh.types, old.types),
    protocols: keepConsumers(fresh.protocols, old.protocols),
    constants: keepConsumers(fresh.constants, old.constants),
  };
}

/** The sections `--update` writes. */
export interface UpdatedSections {
  readonly exports: ExportsSection;
  readonly actual_imports: ActualImportsSection;
}

/**
 * Where a section `--update` writes goes when the contract lacks it: before
 * the first of these sections the contract has (else at the end), which
 * gives the order of the seed's card: placement, exports, boundary,
 * actual_imports, pairing.
 */
const INSERTED_BEFORE: Readonly<Record<keyof UpdatedSections, readonly string[]>> = {
  exports: ["boundary", "actual_imports", "pairing"],
  actual_imports: ["pairing"],
};

/**
 * Returns the text of a contract with each section of `sections` whose data
 * differs from `current` replaced, or inserted when `current` lacks it (the
 * text itself when nothing differs).
 * @param file - the contract's repository-relative path, for errors.
 */
export function updatedContractText(file: string, text: string, current: Partial<UpdatedSections>, sections: UpdatedSections): string {
  let next = text;
  for (const key of ["exports", "actual_imports"] as const) {
    if (!isDeepStrictEqual(current[key], sections[key])) next = replaceSection(next, parseYaml(file, next), key, sections[key], INSERTED_BEFORE[key]);
  }
  return next;
}

/**
 * Rewrites the contracts of an opened repository whose code drifted from
 * them; a contract naming a file that does not exist, or one whose exports
 * were not read (over `limits.analyse_bytes`: a warning says so), is left
 * alone.
 * @returns the contract files written, sorted.
 * @throws {CheckerError} when a contract cannot be written (a read-only file, say).
 */
export function updateContracts(repository: Repository): string[] {
  const written: string[] = [];
  for (const contract of repository.contracts) {
    const file = repository.graph.files.get(contract.data.placement.file);
    if (file === undefined) continue;
    const api = repository.apis.read(file.path);
    if (api === undefined) continue;
    const exports = mergeExports(api.exports, contract.data.exports);
    const next = updatedContractText(contract.contractFile, contract.text, contract.data, { exports, actual_imports: actualImports(file) });
    if (next === contract.text) continue;
    writeRepositoryFile(repository.root, contract.contractFile, next);
    written.push(contract.contractFile);
  }
  return written;
}
