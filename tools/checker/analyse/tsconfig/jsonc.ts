/**
 * Reads JSON with comments and trailing commas, as tsconfig files are
 * written, without loading TypeScript (the cache key reads every tsconfig of
 * the chain on every run). Offsets are kept, so that an error is reported at
 * its line and column, and nesting is limited before `JSON.parse` sees it.
 */
import { MAX_NESTING } from "../../limits.js";

/** The end of the string literal that starts at `start` (the index after its closing quote). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === "\\" ? 2 : 1;
  return j + 1;
}

/** Spaces in place of `text`, its line breaks kept. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}

/**
 * Turns JSON with comments and trailing commas into JSON of the same length:
 * `//` and `/* *\/` comments outside strings, and a comma that only white
 * space (or a comment) separates from the `}` or `]` after it, become
 * spaces.
 */
export function stripJsonc(text: string): string {
  const out: string[] = [];
  /** Index in `out` of the last comma, while only blanks followed it. */
  let pendingComma = -1;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      const end = stringEnd(text, i);
      out.push(text.slice(i, end));
      pendingComma = -1;
      i = end;
    } else if (ch === "/" && text.charAt(i + 1) === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out.push(blank(text.slice(i, stop)));
      i = stop;
    } else if (ch === "/" && text.charAt(i + 1) === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out.push(blank(text.slice(i, stop)));
      i = stop;
    } else {
      if ((ch === "}" || ch === "]") && pendingComma >= 0) out[pendingComma] = " ";
      if (ch === ",") pendingComma = out.length;
      else if (!/\s/.test(ch)) pendingComma = -1;
      out.push(ch);
      i++;
    }
  }
  return out.join("");
}

/** What {@link readJsonc} made of a text: its value, or why it is not JSON and where. */
export type JsoncRead = { readonly value: unknown } | { readonly error: string; readonly offset: number };

/** The offset of the first bracket nested deeper than {@link MAX_NESTING}, in stripped JSON. */
function tooDeep(json: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charAt(i);
    if (ch === '"') i = stringEnd(json, i) - 1;
    else if (ch === "{" || ch === "[") {
      if (++depth > MAX_NESTING) return i;
    } else if (ch === "}" || ch === "]") depth--;
  }
  return undefined;
}

/** Parses JSON with comments, or says why it cannot, at which offset of the text. */
export function readJsonc(text: string): JsoncRead {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const json = stripJsonc(text.slice(bom));
  const deep = tooDeep(json);
  if (deep !== undefined) return { error: `nested deeper than ${MAX_NESTING} levels (the limit)`, offset: deep + bom };
  try {
    return { value: JSON.parse(json) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    return { error: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, offset: (at ? Number(at[1]) : json.length) + bom };
  }
}

/** Parses JSON with comments; `undefined` when the text is not valid even so. */
export function parseJsonc(text: string): unknown {
  const read = readJsonc(text);
  return "value" in read ? read.value : undefined;
}
