/**
 * The hash of what a file shows the type checker of the modules that import
 * it: its tokens, each marked by whether a line break precedes it (automatic
 * semicolons), and its doc comments and pragma comments, without white space,
 * other comments, or (in TypeScript files) the bodies of functions whose
 * return type is written out and of constructors and setters, none of which
 * can change a type outside the file. Two texts with the same hash parse to
 * the same declarations, so the module APIs read from a closure of imports
 * are keyed by it (`module-api.ts`): a comment or a body edited in a shared
 * file does not make them read again.
 *
 * The scanner alone cannot tell a regular expression from a division, or the
 * rest of a template from a `}`: template literals, regular expressions and
 * JSX are taken verbatim, with the ranges the parser found.
 */
import type { ts } from "ts-morph";
import { hashOf } from "../../cache/hash.js";
import { typescript } from "../typescript.js";

/** A range of the text, by offsets. */
interface Range {
  readonly start: number;
  readonly end: number;
  /** `verbatim`: taken as it is; `skipped`: left out. */
  readonly kind: "verbatim" | "skipped";
}

/** Files where a function body cannot declare anything outside it (in JavaScript, a constructor function's body declares its instances' members). */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** A comment that can change what the checker sees: a doc comment (`/** … *\/`), a triple-slash directive, a pragma (`@ts-…`, `@jsx…`). */
function keepsComment(text: string): boolean {
  return text.startsWith("/**") || text.startsWith("///") || text.includes("@");
}

/** The verbatim and skipped ranges of a parsed file, in order, not nested. */
function rangesOf(sf: ts.SourceFile): Range[] {
  const ts = typescript();
  const stripsBodies = TYPESCRIPT_FILE.test(sf.fileName) && !sf.isDeclarationFile;
  const ranges: Range[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isTemplateExpression(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateLiteralTypeNode(node) ||
      ts.isRegularExpressionLiteral(node) ||
      ts.isJsxElement(node) ||
      ts.isJsxSelfClosingElement(node) ||
      ts.isJsxFragment(node)
    ) {
      ranges.push({ start: node.getStart(sf), end: node.end, kind: "verbatim" });
      return;
    }
    if (stripsBodies && ts.isFunctionLike(node)) {
      const body = (node as ts.Node & { readonly body?: ts.Node }).body;
      const typed = (node as ts.Node & { readonly type?: ts.Node }).type !== undefined;
      if (body !== undefined && (typed || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node))) {
        ts.forEachChild(node, (child) => {
          if (child !== body) visit(child);
        });
        ranges.push({ start: body.getStart(sf), end: body.end, kind: "skipped" });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return ranges;
}

/** The declaration hash of a parsed file (see the module's TSDoc). */
export function declarationHash(sf: ts.SourceFile): string {
  const ts = typescript();
  const text = sf.text;
  const parts: string[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sf.languageVariant, text);
  /** Adds the tokens of `[start, end)`; returns whether a line break follows the last one. */
  const scan = (start: number, end: number): boolean => {
    scanner.resetTokenState(start);
    // Whether a line break (or a comment spanning lines) came since the last token kept.
    let lineBreak = false;
    for (;;) {
      const kind = scanner.scan();
      if (kind === ts.SyntaxKind.EndOfFileToken || scanner.getTokenStart() >= end) break;
      if (kind === ts.SyntaxKind.WhitespaceTrivia) continue;
      if (kind === ts.SyntaxKind.NewLineTrivia) {
        lineBreak = true;
        continue;
      }
      const token = scanner.getTokenText();
      const comment = kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
      if (comment && !keepsComment(token)) {
        if (/[\n\r\u2028\u2029]/.test(token)) lineBreak = true;
        continue;
      }
      parts.push(lineBreak ? "\n" : " ", token);
      lineBreak = false;
      if (scanner.getTokenEnd() >= end) break;
    }
    return lineBreak;
  };
  let at = 0;
  for (const range of rangesOf(sf)) {
    parts.push(scan(at, range.start) ? "\n" : " ");
    if (range.kind === "verbatim") parts.push("\u0000", text.slice(range.start, range.end), "\u0000");
    else parts.push("\u0001");
    at = range.end;
  }
  scan(at, text.length);
  return hashOf(parts.join(""));
}
