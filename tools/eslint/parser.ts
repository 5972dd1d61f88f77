/**
 * A parser for files that ESLint lints with spine-check's rules alone (for
 * example TypeScript in a repository without typescript-eslint): it parses
 * nothing and gives ESLint an empty program that spans the text. The rules
 * read the file's text and the repository themselves; other rules see no
 * code, and `eslint-disable` comments are not read.
 */
import type { Linter } from "eslint";
import { packageInfo } from "../checker/index.js";

/** The empty program of a text. */
function emptyProgram(text: string): Linter.ESLintParseResult["ast"] {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/);
  const last = lines[lines.length - 1] ?? "";
  return {
    type: "Program",
    body: [],
    sourceType: "module",
    comments: [],
    tokens: [],
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: last.length } },
  } as Linter.ESLintParseResult["ast"];
}

/** The text-only parser (`languageOptions.parser` of `configs.standalone`). */
export const textParser: Linter.Parser = {
  meta: { name: "spine-check/text", version: packageInfo().version },
  parseForESLint: (text: string): Linter.ESLintParseResult => ({ ast: emptyProgram(text), visitorKeys: { Program: [] } }),
};
