/**
 * Positions of syntax nodes, 1-based, as every report shows them.
 */
import type { ts } from "ts-morph";

/** A 1-based line and column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** The 1-based position of the first character of `node` (after leading trivia). */
export function positionOf(sf: ts.SourceFile, node: ts.Node): LineColumn {
  const lc = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { line: lc.line + 1, column: lc.character + 1 };
}
