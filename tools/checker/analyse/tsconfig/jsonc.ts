/**
 * Reads JSON with comments and trailing commas, as tsconfig files are
 * written, without loading TypeScript (the cache key reads every tsconfig of
 * the chain on every run).
 */

/** The end of the string literal that starts at `start` (the index after its closing quote). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === "\\" ? 2 : 1;
  return j + 1;
}

/** Removes `//` and `/* *\/` comments outside strings. */
function stripComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === "/" && text.charAt(i + 1) === "/") {
      while (i < text.length && text.charAt(i) !== "\n") i++;
    } else if (ch === "/" && text.charAt(i + 1) === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Removes commas outside strings that only white space separates from a `}` or `]`. */
function stripTrailingCommas(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text.charAt(j))) j++;
      if (text.charAt(j) === "}" || text.charAt(j) === "]") {
        i++;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Turns JSON with comments and trailing commas into JSON. */
export function stripJsonc(text: string): string {
  return stripTrailingCommas(stripComments(text));
}

/** Parses JSON with comments; `undefined` when the text is not valid even so. */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(stripJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) as unknown;
  } catch {
    return undefined;
  }
}
