/**
 * Parses source text into a syntax tree with the TypeScript that ts-morph
 * bundles, choosing the script kind from the file name.
 */
import type { ts } from "ts-morph";
import { typescript } from "./typescript.js";

/** Picks the script kind from a file name. */
export function scriptKindOf(path: string): ts.ScriptKind {
  const ts = typescript();
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (path.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Parses a file's text into a syntax tree. With `forFacts`, the tree is only
 * good for `extractFacts`, and cheaper: no parent pointers, and JSDoc
 * comments are not parsed (the facts never come from them).
 */
export function parseSource(path: string, text: string, forFacts = false): ts.SourceFile {
  const ts = typescript();
  const options = forFacts
    ? { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }
    : ts.ScriptTarget.Latest;
  return ts.createSourceFile(path, text, options, !forFacts, scriptKindOf(path));
}
