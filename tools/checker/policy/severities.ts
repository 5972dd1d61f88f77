/**
 * The severity of every rule: `rules:` in `contracts/project.yaml` over each
 * rule's default. An id the registry does not list is a configuration
 * error at its line (a typo would otherwise leave the rule at its default
 * silently).
 */
import type { LoadedProject } from "../contracts/project.js";
import { PROJECT_FILE } from "../contracts/paths.js";
import type { SeveritySetting } from "../contracts/types.js";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { RULE_IDS, RULES, type RuleId } from "../rules/registry.js";

/** The severity of each rule of the registry. */
export interface Severities {
  /** The rule's severity: `error`, `warn` or `off`. */
  of(rule: RuleId): SeveritySetting;
  /** False for a rule that is `off`: its work is skipped where possible. */
  enabled(rule: RuleId): boolean;
}

const DEFAULTS: ReadonlyMap<string, SeveritySetting> = new Map(RULES.map((rule) => [rule.id, rule.defaultSeverity ?? "error"]));

/** Severities from a plain map (ids already checked), over the defaults. */
export function severitiesOf(settings: Readonly<Record<string, SeveritySetting>>): Severities {
  const of = (rule: RuleId): SeveritySetting => settings[rule] ?? DEFAULTS.get(rule) ?? "error";
  return { of, enabled: (rule) => of(rule) !== "off" };
}

/** Every rule at its default severity. */
export const DEFAULT_SEVERITIES: Severities = severitiesOf({});

/**
 * The severities the project file sets.
 * @throws {CheckerConfigError} naming each rule id of `rules:` that the registry does not list, at its position.
 */
export function readSeverities(project: LoadedProject): Severities {
  const known = new Set<string>(RULE_IDS);
  const problems: ConfigProblem[] = Object.keys(project.data.rules)
    .filter((id) => !known.has(id))
    .map((id) => ({
      file: PROJECT_FILE,
      ...project.positionOf(["rules", id]),
      reason: `rules: "${id}" is not a rule id; use one of ${RULE_IDS.join(", ")}`,
    }));
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return severitiesOf(project.data.rules);
}
