/**
 * Finds the `// spine-check-ignore …` comments of a file. Only real line
 * comments count: the text `spine-check-ignore` in a string, a template or
 * a block comment (a TSDoc example) is not a suppression. The comments'
 * meaning (which rule, which reason, which line they cover) is the policy
 * stage's (`policy/suppressions.ts`); here they are only found.
 */
import type { ts } from "ts-morph";
import { typescript } from "../typescript.js";
import type { SuppressionComment } from "./types.js";

/** The word that starts a suppression comment. */
export const SUPPRESSION_MARKER = "spine-check-ignore";

/** True when `text` (a comment's text after `//`) is a suppression comment. */
function isSuppression(text: string): boolean {
  return text.startsWith(SUPPRESSION_MARKER) && (text.length === SUPPRESSION_MARKER.length || /\s/.test(text.charAt(SUPPRESSION_MARKER.length)));
}

/** The suppression comments of a parsed file, in source order. */
export function suppressionComments(sf: ts.SourceFile): SuppressionComment[] {
  const text = sf.text;
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const ts = typescript();
  const starts = new Map<number, number>();
  const collect = (ranges: readonly ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) starts.set(range.pos, range.end);
  };
  const visit = (node: ts.Node): void => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  collect(ts.getLeadingCommentRanges(text, sf.endOfFileToken.pos));
  const comments: SuppressionComment[] = [];
  for (const [pos, end] of [...starts].sort((a, b) => a[0] - b[0])) {
    const body = text.slice(pos + 2, end).trim();
    if (!isSuppression(body)) continue;
    const { line, character } = sf.getLineAndCharacterOfPosition(pos);
    const lineStart = sf.getPositionOfLineAndCharacter(line, 0);
    comments.push({ line: line + 1, column: character + 1, text: body, ownLine: text.slice(lineStart, pos).trim() === "" });
  }
  return comments;
}

/**
 * The suppression comments of a file's text (parsed only when it holds the
 * marker), for an engine that has no syntax facts of the file.
 * @param parse - parses the text into a syntax tree.
 */
export function suppressionsInText(text: string, parse: () => ts.SourceFile): SuppressionComment[] {
  return text.includes(SUPPRESSION_MARKER) ? suppressionComments(parse()) : [];
}
