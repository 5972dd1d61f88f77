/**
 * What a rule is, what it reads and what it returns. A rule is one module
 * under `rules/` exporting one object made with {@link defineRule},
 * {@link defineDependencyRule} or {@link defineCommentRule}, listed once in
 * `registry.ts`. Its `check` only reads the analyses of the context and
 * returns findings: no disk access, no writes. A comment rule has no
 * `check`: it explains a problem of a `spine-check-ignore` comment, which
 * the policy stage (`policy/`) finds once both engines' findings are merged.
 */
import type { RepoGraph, ResolvedDependency } from "../analyse/graph.js";
import type { ModuleApiReader } from "../analyse/module-api.js";
import type { TransactionReader } from "../analyse/transaction-reader.js";
import type { LoadedContract } from "../contracts/contracts.js";
import type { ProjectData } from "../contracts/types.js";
import type { DependencyVerdicts } from "../verdicts/judge.js";
import type { Breach, BreachRule } from "../verdicts/types.js";

/** The engines that can report a rule: spine-check's own (ts-morph) and dependency-cruiser. */
export type EngineName = "ts-morph" | "depcruise";

/** What a rule reports; the runner adds the rule id and the engines that found it. */
export interface Finding {
  /** Repository-relative path of the offending file (a source file or a contract). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The contract (or `contracts/project.yaml`) that states the rule broken. */
  readonly contract: string;
  /** How to fix this one. */
  readonly fix: string;
  /**
   * What the finding is about, stable across edits elsewhere in the file:
   * for a dependency, what it leads to (a repository path, a package name,
   * or the specifier as written when it leads nowhere); for other rules, a
   * name (the export, the section, the transaction call, the comment). Two
   * engines' findings of one rule with the same file and target are one
   * violation, and the baseline knows violations by rule, file and target.
   */
  readonly target?: string;
}

/** Everything a rule may read. */
export interface RuleContext {
  readonly project: ProjectData;
  readonly contracts: readonly LoadedContract[];
  readonly graph: RepoGraph;
  /** The verdict of every dependency (the only place rules learn what is forbidden). */
  readonly verdicts: DependencyVerdicts;
  /** The exported APIs of modules (type checker, cached, read on demand). */
  readonly apis: ModuleApiReader;
  /** Transaction findings of modules (cached, read on demand). */
  readonly transactions: TransactionReader;
  /**
   * Whether findings in this file (repository-relative) are wanted. A rule
   * skips the work for a file out of scope, so checking one file costs one
   * file's work.
   */
  inScope(path: string): boolean;
}

/** A rule's severity when `rules:` in `contracts/project.yaml` does not set it. */
export type DefaultSeverity = "error" | "warn";

/** What every rule declares: its id and how reports describe it. */
export interface RuleDefinition<Id extends string = string> {
  /** The rule id, kebab-case, as reports, SARIF and `contracts/project.yaml` name it. */
  readonly id: Id;
  /** One sentence: when the rule fails. */
  readonly summary: string;
  /** How to fix a violation, in general (each finding carries its own `fix` too). */
  readonly help: string;
  /** The engines that enforce the rule. */
  readonly engines: readonly EngineName[];
  /** The severity when `rules:` does not set one (`error` when absent). */
  readonly defaultSeverity?: DefaultSeverity;
}

/** One rule that the ts-morph engine checks. */
export interface Rule<Id extends string = string> extends RuleDefinition<Id> {
  /** The rule's findings in the files of `context` that are in scope. */
  check(context: RuleContext): readonly Finding[];
}

/** A `spine-check-ignore` comment with something wrong about it. */
export interface SuppressionSite {
  /** Repository-relative path of the file that holds the comment. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The comment as written, after `//`, trimmed. */
  readonly text: string;
  /** What is wrong with it, in a few words. */
  readonly problem: string;
}

/** A rule about `spine-check-ignore` comments, reported by the policy stage after both engines ran. */
export interface CommentRule<Id extends string = string> extends RuleDefinition<Id> {
  /** Explains one problem of a comment. */
  explain(site: SuppressionSite): Finding;
}

/** Where a dependency is written: the importing file and the dependency as the graph (or dependency-cruiser) knows it. */
export interface DependencySite {
  readonly file: string;
  readonly dependency: Pick<ResolvedDependency, "form" | "specifier" | "typeOnly" | "line" | "column" | "target">;
}

/** A rule that judges single dependencies: its findings are the breaches of its id in the verdicts. */
export interface DependencyRule<Id extends BreachRule = BreachRule> extends Rule<Id> {
  /** Explains one breach of this rule: the message and fix both engines report. */
  explain(site: DependencySite, breach: Extract<Breach, { rule: Id }>): Finding;
}

/** Declares a rule (the id's literal type is kept, so the registry can derive the `RuleId` union). */
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/** Declares a comment rule (see {@link CommentRule}). */
export function defineCommentRule<const Id extends string>(rule: CommentRule<Id>): CommentRule<Id> {
  return rule;
}

/** What a dependency leads to, as findings name it. */
export function targetOf(dependency: DependencySite["dependency"]): string {
  const target = dependency.target;
  if (target.kind === "internal") return target.path;
  return target.kind === "external" ? target.module : dependency.specifier;
}

/** How a dependency is written, for messages: its form, `type-only` first when it is. */
export function formOf(dependency: DependencySite["dependency"]): string {
  return dependency.typeOnly ? `type-only ${dependency.form}` : dependency.form;
}

/** Declares a dependency rule: its `check` reports each breach of its id in the verdicts of the files in scope. */
export function defineDependencyRule<const Id extends BreachRule>(rule: Omit<DependencyRule<Id>, "check">): DependencyRule<Id> {
  const isMine = (breach: Breach): breach is Extract<Breach, { rule: Id }> => breach.rule === rule.id;
  return {
    ...rule,
    check(context) {
      const findings: Finding[] = [];
      for (const path of context.graph.files.keys()) {
        if (!context.inScope(path)) continue;
        for (const judged of context.verdicts.of(path)) {
          for (const breach of judged.breaches.filter(isMine)) findings.push(rule.explain({ file: path, dependency: judged.dependency }, breach));
        }
      }
      return findings;
    },
  };
}
