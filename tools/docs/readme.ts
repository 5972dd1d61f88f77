/**
 * The generated section of the checker guide (`docs/checker.md`): the rule
 * table, between markers, rendered from the checker's rule registry.
 * `npm run docs` writes it and `npm run check:docs` fails when it is stale,
 * like the other pages. A page without the markers is left alone.
 */
import { cell, code } from "./markdown.js";

/** The line before the rule table. */
export const RULES_START = "<!-- spine-docs:rules:start (generated from tools/checker/rules/registry.ts by npm run docs; do not edit) -->";
/** The line after the rule table. */
export const RULES_END = "<!-- spine-docs:rules:end -->";

/** What the table shows of a rule. */
export interface RuleRow {
  readonly id: string;
  readonly summary: string;
  readonly help: string;
  readonly engines: readonly string[];
}

/** The rule table, one row per rule, in registry order. */
export function renderRuleTable(rules: readonly RuleRow[]): string {
  const engine = (name: string): string => (name === "depcruise" ? "dependency-cruiser" : name);
  return [
    "| rule id | fails when | how to fix | engines |",
    "| --- | --- | --- | --- |",
    ...rules.map((rule) => `| ${code(rule.id)} | ${cell(rule.summary)} | ${cell(rule.help)} | ${rule.engines.map(engine).join(", ")} |`),
  ].join("\n");
}

/**
 * The page with its rule table regenerated, or `undefined` when it has no
 * rule table markers.
 */
export function withRuleTable(readme: string, rules: readonly RuleRow[]): string | undefined {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return undefined;
  return `${readme.slice(0, start + RULES_START.length)}\n${renderRuleTable(rules)}\n${readme.slice(end)}`;
}
