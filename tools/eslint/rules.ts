/**
 * The plugin's rules: one ESLint rule per file rule of spine-check
 * (`FILE_RULES`), described by the checker's rule registry. Every rule asks
 * the repository's one {@link FileChecker} of this process for the linted
 * file's violations (computed once per lint of a file: the first of the
 * rules to run asks, the others reuse its answer) and reports its own, with
 * the CLI's message, contract and fix.
 */
import type { Rule, SourceCode } from "eslint";
import { fileChecker, type FileChecker, FILE_RULES, type FileRuleId, type ReportedViolation, RULES } from "../checker/index.js";
import { repositoryOf } from "./root.js";

const checkers = new Map<string, FileChecker>();

/** The file checker of the repository at `root`, opened once per process. */
function checkerOf(root: string): FileChecker {
  let checker = checkers.get(root);
  if (checker === undefined) {
    checker = fileChecker({ root });
    checkers.set(root, checker);
  }
  return checker;
}

/** The violations of each lint in progress: ESLint makes a new SourceCode per lint of a file, and runs every rule on it. */
const perLint = new WeakMap<SourceCode, readonly ReportedViolation[]>();

/** The file rules' violations in the file a rule is linting. */
function violationsOf(context: Rule.RuleContext): readonly ReportedViolation[] {
  let violations = perLint.get(context.sourceCode);
  if (violations === undefined) {
    const checker = checkerOf(repositoryOf(context.physicalFilename, context.settings, context.cwd));
    violations = checker.check(context.physicalFilename, context.sourceCode.text);
    perLint.set(context.sourceCode, violations);
  }
  return violations;
}

/** What the editor shows for a violation: the CLI's message, then its contract and fix (as the human report prints them). */
function messageOf(violation: Pick<ReportedViolation, "message" | "contract" | "fix">): string {
  return `${violation.message}\ncontract: ${violation.contract}\nfix: ${violation.fix}`;
}

/** The ESLint rule for the file rule `id`. */
function fileRule(id: FileRuleId): Rule.RuleModule {
  const rule = RULES.find((candidate) => candidate.id === id);
  return {
    meta: {
      type: "problem",
      docs: { description: rule?.summary ?? id },
      schema: [],
      messages: { violation: "{{ text }}" },
    },
    create(context) {
      return {
        Program() {
          for (const violation of violationsOf(context)) {
            if (violation.ruleId !== id) continue;
            context.report({ loc: { line: violation.line, column: violation.column - 1 }, messageId: "violation", data: { text: messageOf(violation) } });
          }
        },
      };
    },
  };
}

/** The plugin's rules, by spine-check rule id. */
export const rules: Readonly<Record<FileRuleId, Rule.RuleModule>> = Object.fromEntries(FILE_RULES.map((id) => [id, fileRule(id)])) as Record<FileRuleId, Rule.RuleModule>;
