/**
 * Rule `invalid-suppression`: a `spine-check-ignore` comment that names no
 * rule of the registry or gives no reason. It silences nothing: a waiver
 * nobody can review is not a waiver.
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineCommentRule } from "./rule.js";

/** The rule `invalid-suppression`. */
export const invalidSuppression = defineCommentRule({
  id: "invalid-suppression",
  summary: "A spine-check-ignore comment names no rule of the registry or gives no reason after `--`; it silences nothing.",
  help: "Write `// spine-check-ignore <rule-id> -- <why this dependency is acceptable>` with a rule id from the rule table.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, line, column, text, problem }) {
    return {
      file,
      line,
      column,
      message: `"${text}" is not a valid suppression: ${problem}`,
      contract: PROJECT_FILE,
      fix: "Write `// spine-check-ignore <rule-id> -- <reason>`: a rule id from the rule table, then `--` and why the finding is acceptable.",
      target: text,
    };
  },
});
