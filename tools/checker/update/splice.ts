/**
 * Replaces one top-level section of a YAML document in its text, leaving
 * every other byte as it was: comments (inline ones after a key included),
 * quoting, flow lists and blank lines of the other sections are untouched.
 */
import { isCollection, isMap, isNode, isScalar, stringify } from "yaml";
import type { ParsedYaml } from "../contracts/yaml.js";

/** The text of `value` as a block under `key`, each line indented by `indent` spaces (without the key line). */
function block(value: unknown, indent: number): string {
  const body = stringify(value, { lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, "");
  return body
    .split("\n")
    .map((line) => `${" ".repeat(indent)}${line}`)
    .join("\n");
}

/**
 * Returns `text` with the value of the top-level `key` replaced by `value`
 * (the key is added at the end when the document lacks it).
 * @param parsed - `text`, parsed (see `contracts/yaml.ts`).
 */
export function replaceSection(text: string, parsed: ParsedYaml, key: string, value: unknown): string {
  const contents = parsed.doc.contents;
  const pair = isMap(contents) ? contents.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
  const keyNode = pair?.key;
  if (pair === undefined || !isScalar(keyNode) || keyNode.range === undefined || keyNode.range === null) {
    const separator = text === "" || text.endsWith("\n") ? "" : "\n";
    return `${text}${separator}${key}:\n${block(value, 2)}\n`;
  }
  const keyColumn = parsed.lineCounter.linePos(keyNode.range[0]).col - 1;
  const node = pair.value;
  if (isCollection(node) && !node.flow && node.range) {
    // A block map or list: replace its items from the first to the end of the last, so that the
    // comments before the first item and after the last stay where they are.
    const [start, end] = node.range;
    const column = parsed.lineCounter.linePos(start).col - 1;
    const newline = text.slice(start, end).endsWith("\n") ? "\n" : "";
    return `${text.slice(0, start)}${block(value, column).slice(column)}${newline}${text.slice(end)}`;
  }
  // No value, a flow map or a scalar: replace from the end of the key to the end of the value.
  const end = isNode(node) && node.range ? node.range[1] : keyNode.range[1];
  const newline = text.slice(keyNode.range[1], end).endsWith("\n") ? "\n" : "";
  return `${text.slice(0, keyNode.range[1])}:\n${block(value, keyColumn + 2)}${newline}${text.slice(end)}`;
}
