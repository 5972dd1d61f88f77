/**
 * Parses YAML with source positions: syntax errors become
 * `file:line:col: reason` problems, and any node can be located by its path.
 */
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";

/** A path into a YAML document: keys and sequence indexes (`["placement", "file"]`). */
export type YamlPath = readonly (string | number)[];

/** The 1-based line and column of the node at a path (of its nearest existing ancestor). */
export type PositionOf = (path: YamlPath) => { line: number; column: number };

/** A parsed YAML document with its line counter. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/**
 * Parses YAML text, keeping positions.
 * @param file - the file's repository-relative path, for problems.
 * @throws {CheckerConfigError} listing every syntax error.
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { file, line: pos.line, column: pos.col, reason: `invalid YAML: ${error.message.split("\n")[0] ?? ""}` };
  });
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return { doc, lineCounter };
}

/** Locates nodes of a parsed document: the node at a path, else its nearest existing ancestor, else 1:1. */
export function positionFinder(parsed: ParsedYaml): PositionOf {
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? parsed.doc.contents : parsed.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const pos = parsed.lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
}
