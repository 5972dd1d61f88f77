/**
 * `import("x")` in a type position (`typeof import("x").member`).
 */
import type { ts } from "ts-morph";
import { positionOf } from "../position.js";
import { typescript } from "../typescript.js";
import { literalText } from "./literals.js";
import type { Dependency } from "./types.js";

function leftmost(name: ts.QualifiedName): string {
  const ts = typescript();
  let left: ts.EntityName = name;
  while (ts.isQualifiedName(left)) left = left.left;
  return left.text;
}

/** The dependency of an import type; its name is the qualifier's first segment, `*` without one. */
export function importTypeDependency(sf: ts.SourceFile, node: ts.ImportTypeNode): Dependency | undefined {
  const ts = typescript();
  const argument = node.argument;
  if (!ts.isLiteralTypeNode(argument)) return undefined;
  const specifier = literalText(argument.literal);
  if (specifier === undefined) return undefined;
  const qualifier = node.qualifier;
  const name = qualifier ? (ts.isIdentifier(qualifier) ? qualifier.text : leftmost(qualifier)) : "*";
  return { form: "import-type", specifier, typeOnly: true, names: [name], ...positionOf(sf, node) };
}
