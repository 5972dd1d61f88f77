/**
 * `import … from "x"`, `import type … from "x"` and `import "x"`.
 */
import type { ts } from "ts-morph";
import { positionOf } from "../position.js";
import { typescript } from "../typescript.js";
import { literalText } from "./literals.js";
import type { Dependency } from "./types.js";

/** The dependency of an import declaration; type-only when every binding is. */
export function importDeclarationDependency(sf: ts.SourceFile, node: ts.ImportDeclaration): Dependency | undefined {
  const ts = typescript();
  const specifier = literalText(node.moduleSpecifier);
  if (specifier === undefined) return undefined;
  const clause = node.importClause;
  const names: string[] = [];
  let typeOnly = clause?.isTypeOnly ?? false;
  if (clause?.name) names.push("default");
  const bindings = clause?.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    names.push("*");
  } else if (clause && bindings) {
    const elements = bindings.elements;
    if (!clause.name && elements.length > 0 && elements.every((e) => e.isTypeOnly)) typeOnly = true;
    for (const element of elements) names.push((element.propertyName ?? element.name).text);
  }
  return { form: "import", specifier, typeOnly, names, ...positionOf(sf, node) };
}
