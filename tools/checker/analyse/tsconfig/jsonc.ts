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

/**
 * Turns JSON with comments and trailing commas into JSON: removes `//` and
 * `/* *\/` comments outside strings, and a comma that only white space (or a
 * removed comment) separates from the `}` or `]` after it.
 */
export function stripJsonc(text: string): string {
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
      if (ch === "}" || ch === "]") out = out.replace(/,(\s*)$/, "$1");
      out += ch;
      i++;
    }
  }
  return out;
}

/** Parses JSON with comments; `undefined` when the text is not valid even so. */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(stripJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)) as unknown;
  } catch {
    return undefined;
  }
}
