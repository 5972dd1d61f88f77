/**
 * Finds where a specifier is written in a source text, for findings of
 * dependency-cruiser when the ts-morph engine's facts are not at hand (it
 * reports modules, not positions). A cheap scan, no parser: the first
 * quoted occurrence of the specifier; the position is the start of the call
 * (`import(`, `require(`) or of the `import`/`export` statement around it,
 * where the ts-morph engine reports it too.
 */
import type { LineColumn } from "../../analyse/position.js";

/** The 1-based line and column of an offset. */
function lineColumnAt(text: string, offset: number): LineColumn {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** The offset of the `(` that opens the group closed at `close`, or -1. */
function openingParen(text: string, close: number): number {
  let depth = 0;
  for (let at = close; at >= 0; at--) {
    if (text.charAt(at) === ")") depth++;
    else if (text.charAt(at) === "(" && --depth === 0) return at;
  }
  return -1;
}

/** The offset where the call or statement that holds the literal at `quote` starts. */
function holderStart(text: string, quote: number): number {
  let at = quote - 1;
  while (at >= 0 && /\s/.test(text.charAt(at))) at--;
  if (text.charAt(at) === "(") {
    // A call: its callee starts before the `(`, and may itself be a call (`createRequire(…)("x")`).
    let end = at - 1;
    for (;;) {
      while (end >= 0 && /\s/.test(text.charAt(end))) end--;
      if (text.charAt(end) !== ")") break;
      end = openingParen(text, end) - 1;
    }
    let start = end;
    while (start >= 0 && /[\w$.]/.test(text.charAt(start))) start--;
    if (start < end) return start + 1;
  }
  let keyword = -1;
  for (const match of text.slice(0, quote).matchAll(/(?:^|[\s;{}])(import|export)\b(?!\s*[(.])/g)) {
    keyword = match.index + match[0].length - (match[1] as string).length;
  }
  return keyword < 0 ? quote : keyword;
}

/** Where `specifier` is written in `text`, or 1:1 when it cannot be found. */
export function locateSpecifier(text: string, specifier: string): LineColumn {
  const offsets = ['"', "'", "`"].map((quote) => text.indexOf(`${quote}${specifier}${quote}`)).filter((offset) => offset >= 0);
  if (offsets.length === 0) return { line: 1, column: 1 };
  return lineColumnAt(text, holderStart(text, Math.min(...offsets)));
}
