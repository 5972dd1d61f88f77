/**
 * Replaces one top-level section of a YAML document in its text, leaving
 * every other byte as it was: comments (inline ones after a key included),
 * quoting, flow lists and blank lines of the other sections are untouched.
 */
import { isCollection, isMap, isNode, isScalar } from "yaml";
import type { ParsedYaml } from "../contracts/yaml.js";
import { yamlText } from "../contracts/yaml-text.js";

/** The text of `value` as a block under `key`, each line indented by `indent` spaces (without the key line). */
function block(value: unknown, indent: number): string {
  return yamlText(value)
    .split("\n")
    .map((line) => `${" ".repeat(indent)}${line}`)
    .join("\n");
}

/** The top-level key `key` of a parsed document, with its value, when the document has it. */
function topLevelPair(parsed: ParsedYaml, key: string): { keyStart: number; keyEnd: number; value: unknown } | undefined {
  const contents = parsed.doc.contents;
  const pair = isMap(contents) ? contents.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
  const keyNode = pair?.key;
  if (pair === undefined || !isScalar(keyNode) || keyNode.range === undefined || keyNode.range === null) return undefined;
  return { keyStart: keyNode.range[0], keyEnd: keyNode.range[1], value: pair.value };
}

/** Where a line-start offset moves to when the comment lines directly above it (no blank line between) belong to it. */
function startOfLeadingComments(text: string, lineStart: number): number {
  let start = lineStart;
  while (start > 0) {
    const previous = text.lastIndexOf("\n", start - 2) + 1;
    if (!/^[ \t]*#/.test(text.slice(previous, start - 1))) break;
    start = previous;
  }
  return start;
}

/**
 * Inserts `key: value` as a new top-level section: before the first key of
 * `before` the document has (above the comment lines directly on top of it,
 * which belong to that key), else at the end. When the document separates
 * its sections with blank lines, so is the new one.
 */
function insertSection(text: string, parsed: ParsedYaml, key: string, value: unknown, before: readonly string[]): string {
  const spaced = /\n[ \t]*\n/.test(text.trimEnd());
  const next = before.map((name) => topLevelPair(parsed, name)).find((pair) => pair !== undefined);
  const at = next === undefined ? text.length : startOfLeadingComments(text, text.lastIndexOf("\n", next.keyStart - 1) + 1);
  let head = text.slice(0, at);
  if (head !== "" && !head.endsWith("\n")) head += "\n";
  if (spaced && head !== "" && !head.endsWith("\n\n")) head += "\n";
  const tail = text.slice(at);
  return `${head}${key}:\n${block(value, 2)}\n${spaced && tail !== "" ? "\n" : ""}${tail}`;
}

/**
 * Returns `text` with the value of the top-level `key` replaced by `value`.
 * When the document lacks the key, it is inserted before the first of the
 * top-level keys `before` the document has, else at the end.
 * @param parsed - `text`, parsed (see `contracts/yaml.ts`).
 * @param before - the keys a missing `key` goes before, in order of preference.
 */
export function replaceSection(text: string, parsed: ParsedYaml, key: string, value: unknown, before: readonly string[] = []): string {
  const found = topLevelPair(parsed, key);
  if (found === undefined) return insertSection(text, parsed, key, value, before);
  const keyColumn = parsed.lineCounter.linePos(found.keyStart).col - 1;
  const node = found.value;
  if (isCollection(node) && !node.flow && node.range) {
    // A block map or list: replace its items from the first to the end of the last, so that the
    // comments before the first item and after the last stay where they are.
    const [start, end] = node.range;
    const column = parsed.lineCounter.linePos(start).col - 1;
    const newline = text.slice(start, end).endsWith("\n") ? "\n" : "";
    return `${text.slice(0, start)}${block(value, column).slice(column)}${newline}${text.slice(end)}`;
  }
  // No value, a flow map or a scalar: replace from the end of the key to the end of the value.
  const end = isNode(node) && node.range ? node.range[1] : found.keyEnd;
  const newline = text.slice(found.keyEnd, end).endsWith("\n") ? "\n" : "";
  return `${text.slice(0, found.keyEnd)}:\n${block(value, keyColumn + 2)}${newline}${text.slice(end)}`;
}
