/**
 * Reads and writes the baseline file: YAML with a `version` and the
 * entries, sorted by file, rule and target, so that a change to it reads
 * as a diff of the violations accepted or fixed. A baseline file that does
 * not exist yet is empty (it only makes a run stricter).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { validated } from "../contracts/validate.js";
import { parseYaml } from "../contracts/yaml.js";
import type { BaselineEntry } from "../result.js";
import { sortEntries } from "./baseline.js";

/** The format version written in every baseline file. */
export const BASELINE_VERSION = 1;

export { DEFAULT_BASELINE } from "../contracts/paths.js";

/** The comment at the top of a baseline file. */
const HEADER = [
  "# Known violations of spine-check, written by `spine-check --update-baseline`.",
  "# A violation listed here (by rule, file and target) is reported as known and does not",
  "# fail the check; a new one does. Review changes to this file like code: fixing a",
  "# violation removes its entry, accepting one adds it.",
].join("\n");

/**
 * Reads the baseline at `file` (repository-relative), or no entry when it does not exist.
 * @throws {CheckerConfigError} for a file that is not valid YAML or not a baseline, at its positions.
 */
export function readBaselineFile(root: string, file: string): BaselineEntry[] {
  const path = join(root, file);
  if (!existsSync(path)) return [];
  const data = validated<{ violations: BaselineEntry[] }>(file, parseYaml(file, readFileSync(path, "utf8")), "baseline");
  return data.violations;
}

/** The text of a baseline file with these entries. */
export function baselineText(entries: readonly BaselineEntry[]): string {
  return `${HEADER}\n${stringify({ version: BASELINE_VERSION, violations: sortEntries(entries) }, { lineWidth: 0 })}`;
}

/** Writes the baseline at `file` (repository-relative), creating its folder. */
export function writeBaselineFile(root: string, file: string, entries: readonly BaselineEntry[]): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, baselineText(entries));
}
