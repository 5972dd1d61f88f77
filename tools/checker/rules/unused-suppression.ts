/**
 * Rule `unused-suppression`: a `spine-check-ignore` comment that silences
 * nothing (the finding it was written for is gone, or it sits on the wrong
 * line). A warning by default: it fails nothing, but it would silence a
 * later finding nobody reviewed.
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineCommentRule } from "./rule.js";

/** The rule `unused-suppression`. */
export const unusedSuppression = defineCommentRule({
  id: "unused-suppression",
  summary: "A spine-check-ignore comment silences nothing: no finding of its rule is on the line it covers.",
  help: "Delete the comment, or move it to the line before (or the end of) the line of the finding it should silence.",
  engines: ["ts-morph", "depcruise"],
  defaultSeverity: "warn",
  explain({ file, line, column, text, problem }) {
    return {
      file,
      line,
      column,
      message: `"${text}" silences nothing: ${problem}`,
      contract: PROJECT_FILE,
      fix: "Delete the comment, or move it to the line before (or the end of) the line of the finding it should silence.",
      target: text,
    };
  },
});
