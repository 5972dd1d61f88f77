/**
 * Parses YAML with source positions: syntax errors become
 * `file:line:col: reason` problems, and any node can be located by its path.
 * Hostile YAML is refused before it costs time, memory or the stack: anchors,
 * aliases and nesting are counted on the syntax tokens before the document is
 * composed, and what the aliases expand to is counted before it is
 * converted to data (an alias bomb is refused at its first alias too many).
 */
import { type Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, Composer, Parser, YAMLParseError } from "yaml";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { MAX_NESTING, MAX_YAML_ALIAS_NODES, MAX_YAML_ALIASES } from "../limits.js";

/** A path into a YAML document: keys and sequence indexes (`["placement", "file"]`). */
export type YamlPath = readonly (string | number)[];

/** The 1-based line and column of the node at a path (of its nearest existing ancestor). */
export type PositionOf = (path: YamlPath) => { line: number; column: number };

/** A parsed YAML document with its line counter. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/** The most anchors (`&name`) a file may define. */
const MAX_ANCHORS = MAX_YAML_ALIASES;

/** Token types of the syntax tree that hold a collection. */
const COLLECTIONS = new Set(["block-map", "block-seq", "flow-collection"]);

/** A limit broken at an offset of the text. */
interface Breach {
  readonly offset: number;
  readonly reason: string;
}

/**
 * Counts anchors, aliases and nesting on the syntax tokens (no recursion:
 * the tokens may nest as deep as the text allows).
 */
function tokenBreach(tokens: readonly unknown[]): Breach | undefined {
  let anchors = 0;
  let aliases = 0;
  const stack: { value: unknown; depth: number }[] = tokens.map((value) => ({ value, depth: 0 }));
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth });
      continue;
    }
    const token = value as { type?: unknown; offset?: unknown };
    const offset = typeof token.offset === "number" ? token.offset : 0;
    let inner = depth;
    if (typeof token.type === "string" && COLLECTIONS.has(token.type)) {
      inner = depth + 1;
      if (inner > MAX_NESTING) return { offset, reason: `YAML nested deeper than ${MAX_NESTING} levels (the limit)` };
    } else if (token.type === "anchor" && ++anchors > MAX_ANCHORS) {
      return { offset, reason: `more than ${MAX_ANCHORS} YAML anchors (the limit)` };
    } else if (token.type === "alias" && ++aliases > MAX_YAML_ALIASES) {
      return { offset, reason: `more than ${MAX_YAML_ALIASES} YAML aliases (the limit)` };
    }
    for (const [key, child] of Object.entries(token)) if (key !== "source" && key !== "type") stack.push({ value: child, depth: inner });
  }
  return undefined;
}

/**
 * Checks every alias of a composed document: it must name an earlier
 * anchor, must not contain itself, and all of them together may expand to
 * at most {@link MAX_YAML_ALIAS_NODES} nodes.
 */
function aliasBreach(doc: Document): Breach | undefined {
  const sizes = new Map<Node, number>();
  /** The number of nodes `root` expands to, aliases followed (memoised, without recursion). */
  const sizeOf = (root: Node): number | Breach => {
    const stack: { node: Node; open: boolean }[] = [{ node: root, open: false }];
    const onPath = new Set<Node>();
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: Node; open: boolean };
      const { node } = top;
      if (sizes.has(node)) {
        stack.pop();
        continue;
      }
      const children = childrenOf(doc, node);
      if (children instanceof Array) {
        if (!top.open) {
          top.open = true;
          onPath.add(node);
          for (const child of children) {
            if (onPath.has(child)) return { offset: node.range?.[0] ?? 0, reason: "a YAML alias refers to a node that contains it" };
            if (!sizes.has(child)) stack.push({ node: child, open: false });
          }
          continue;
        }
        onPath.delete(node);
        sizes.set(node, Math.min(Number.MAX_SAFE_INTEGER, children.reduce((sum, child) => sum + (sizes.get(child) ?? 0), isAlias(node) ? 0 : 1)));
      } else {
        return children;
      }
      stack.pop();
    }
    return sizes.get(root) ?? 0;
  };
  let expanded = 0;
  const aliases: Node[] = [];
  collectAliases(doc.contents, aliases);
  for (const alias of aliases) {
    const size = sizeOf(alias);
    if (typeof size !== "number") return size;
    expanded += size;
    if (expanded > MAX_YAML_ALIAS_NODES) {
      return { offset: alias.range?.[0] ?? 0, reason: `YAML aliases expand to more than ${MAX_YAML_ALIAS_NODES} nodes (the limit): an alias bomb?` };
    }
  }
  return undefined;
}

/** The nodes a node is made of (an alias: the node it names), or the breach of an alias that names none. */
function childrenOf(doc: Document, node: Node): Node[] | Breach {
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) return { offset: node.range?.[0] ?? 0, reason: `YAML alias *${node.source} names no anchor before it` };
    return [target];
  }
  if (isSeq(node)) return node.items.filter(isNode);
  if (isMap(node)) return node.items.flatMap((pair) => [pair.key, pair.value].filter(isNode));
  return [];
}

/** Every alias under `node`, in document order (no recursion). */
function collectAliases(node: unknown, into: Node[]): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (isAlias(current)) into.push(current);
    else if (isSeq(current) || isMap(current)) for (let i = current.items.length - 1; i >= 0; i--) stack.push(current.items[i]);
    else if (isPair(current)) stack.push(current.value, current.key);
    else if (isScalar(current)) continue;
  }
}

/**
 * Parses YAML text, keeping positions.
 * @param file - the file's repository-relative path, for problems.
 * @throws {CheckerConfigError} listing every syntax error, or the first limit the text breaks (see `limits.ts`).
 */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const problemAt = (offset: number, reason: string): ConfigProblem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, reason };
  };
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tooMuch = tokenBreach(tokens);
  if (tooMuch !== undefined) throw new CheckerConfigError([problemAt(tooMuch.offset, tooMuch.reason)]);
  let doc: Document | undefined;
  for (const composed of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, text.length)) {
    if (doc === undefined) {
      doc = composed;
    } else {
      doc.errors.push(new YAMLParseError([composed.range[0], composed.range[1]], "MULTIPLE_DOCS", "Source contains multiple documents"));
      break;
    }
  }
  if (doc === undefined) throw new CheckerConfigError([problemAt(0, "invalid YAML: no document")]);
  const problems: ConfigProblem[] = doc.errors.map((error) => problemAt(error.pos[0], `invalid YAML: ${error.message.split("\n")[0] ?? ""}`));
  if (problems.length > 0) throw new CheckerConfigError(problems);
  const bomb = aliasBreach(doc);
  if (bomb !== undefined) throw new CheckerConfigError([problemAt(bomb.offset, bomb.reason)]);
  return { doc, lineCounter };
}

/**
 * The data of a parsed document (aliases were checked by {@link parseYaml},
 * so converting them cannot explode).
 */
export function yamlData(parsed: ParsedYaml): unknown {
  return parsed.doc.toJS({ maxAliasCount: -1 }) as unknown;
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
