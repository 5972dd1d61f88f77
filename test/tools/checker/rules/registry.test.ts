import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../../../tools/checker/analyse/facts/extract.js";
import { parseSource } from "../../../../tools/checker/analyse/parse.js";
import { buildDepcruiseConfig } from "../../../../tools/checker/engines/depcruise/config.js";
import { loadConfiguration } from "../../../../tools/checker/repository/configuration.js";
import { dependencyRule, isCheckedRule, RULES } from "../../../../tools/checker/rules/registry.js";
import type { BreachRule } from "../../../../tools/checker/verdicts/types.js";
import { fixtureRepo, REPOSITORY } from "../fixture.js";

const RULES_DIR = join(REPOSITORY, "tools/checker/rules");

/** The rule modules: every file of rules/ but the registry and the rule types. */
const RULE_FILES = readdirSync(RULES_DIR).filter((name) => name.endsWith(".ts") && name !== "registry.ts" && name !== "rule.ts");

/**
 * The rule ids of the `BreachRule` type (tools/checker/verdicts/types.ts),
 * read with the type checker (without lib or imports: only the literals of
 * `Breach["rule"]` matter), so that a breach kind added there shows up here.
 * @throws {Error} when a member of the type is not a string literal.
 */
function breachRules(): string[] {
  const project = new Project({ compilerOptions: { noLib: true, noResolve: true, types: [] }, skipAddingFilesFromTsConfig: true });
  const source = project.addSourceFileAtPath(join(REPOSITORY, "tools/checker/verdicts/types.ts"));
  const type = source.getTypeAliasOrThrow("BreachRule").getType();
  return (type.isUnion() ? type.getUnionTypes() : [type]).map((member) => {
    const value = member.getLiteralValue();
    if (typeof value !== "string") throw new Error(`BreachRule has a member that is not a string literal: ${member.getText()}`);
    return value;
  });
}

describe("the rule registry", () => {
  it("lists every rule module of tools/checker/rules/, each once: a module exports one rule, whose id is the module's name", () => {
    for (const file of RULE_FILES) {
      const text = readFileSync(join(RULES_DIR, file), "utf8");
      const facts = extractFacts(parseSource(file, text));
      const id = file.replace(/\.ts$/, "");
      expect({ file, exports: facts.declared.length, declaresId: text.includes(`id: "${id}",`) }).toEqual({ file, exports: 1, declaresId: true });
      expect({ file, listed: RULES.filter((rule) => rule.id === id).length }).toEqual({ file, listed: 1 });
    }
    expect(RULES.map((rule) => rule.id).sort()).toEqual(RULE_FILES.map((file) => file.replace(/\.ts$/, "")).sort());
  });

  it("gives every rule a kebab-case id, a one-line summary, help and at least one engine", () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.summary).not.toContain("\n");
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.help.length).toBeGreaterThan(20);
      expect(rule.engines.length).toBeGreaterThan(0);
    }
  });

  it("rule modules read analyses only: they import no file system, process or network module", () => {
    for (const file of [...RULE_FILES, "rule.ts", "registry.ts"]) {
      const facts = extractFacts(parseSource(file, readFileSync(join(RULES_DIR, file), "utf8")));
      const modules = facts.dependencies.map((d) => d.specifier).filter((s) => /^(node:)?(fs|child_process|net|http|https|worker_threads)(\/|$)/.test(s));
      expect({ file, modules }).toEqual({ file, modules: [] });
    }
  });

  it("the checked rules dependency-cruiser enforces are exactly those that name it as an engine (comment rules are the policy stage's)", () => {
    const configuration = loadConfiguration({ root: fixtureRepo("reexport-star-barrel"), cache: false });
    const { origins } = buildDepcruiseConfig({
      root: configuration.root,
      project: configuration.project.data,
      contracts: configuration.contracts,
      tsconfig: configuration.tsconfig,
    });
    const enforced = new Set([...origins.values()].map((breach) => breach.rule));
    expect([...enforced].sort()).toEqual(RULES.filter(isCheckedRule).filter((rule) => rule.engines.includes("depcruise")).map((rule) => rule.id).sort());
  });

  it("every breach a verdict can hold has a rule that explains it (the breach kinds are read from the BreachRule type)", () => {
    const breaches = breachRules();
    expect(breaches.length).toBeGreaterThan(0);
    for (const id of breaches) expect({ id, rule: dependencyRule(id as BreachRule).id }).toEqual({ id, rule: id });
    const explaining = RULES.filter((rule) => "explain" in rule && isCheckedRule(rule)).map((rule) => rule.id);
    expect([...explaining].sort()).toEqual([...breaches].sort());
  });
});
