/**
 * `export … from "x"`, `export * from "x"`, `export * as ns from "x"` (a
 * dependency and re-exports), and `export { local as name }` (a local export).
 */
import type { ts } from "ts-morph";
import { positionOf } from "../position.js";
import { typescript } from "../typescript.js";
import { literalText } from "./literals.js";
import type { Dependency, ReExport } from "./types.js";

/** `export { local as exported }` without a specifier. */
export interface LocalExport {
  readonly exported: string;
  readonly local: string;
}

/** What one export declaration contributes. */
export interface ExportDeclarationFacts {
  /** The dependency, for `export … from`. */
  readonly dependency?: Dependency;
  readonly reExports: readonly ReExport[];
  /** The names exported from local bindings, for `export { … }` without a specifier. */
  readonly localExports: readonly LocalExport[];
}

/** The facts of one export declaration. */
export function exportDeclarationFacts(sf: ts.SourceFile, node: ts.ExportDeclaration): ExportDeclarationFacts {
  const ts = typescript();
  const specifier = literalText(node.moduleSpecifier);
  const clause = node.exportClause;
  if (specifier === undefined) {
    const localExports =
      clause && ts.isNamedExports(clause)
        ? clause.elements.map((element) => ({ exported: element.name.text, local: (element.propertyName ?? element.name).text }))
        : [];
    return { reExports: [], localExports };
  }
  const names: string[] = [];
  const reExports: ReExport[] = [];
  let typeOnly = node.isTypeOnly;
  if (!clause) {
    names.push("*");
    reExports.push({ exported: "*", specifier, imported: "*" });
  } else if (ts.isNamespaceExport(clause)) {
    names.push("*");
    reExports.push({ exported: clause.name.text, specifier, imported: "*" });
  } else {
    if (clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) typeOnly = true;
    for (const element of clause.elements) {
      const imported = (element.propertyName ?? element.name).text;
      names.push(imported);
      reExports.push({ exported: element.name.text, specifier, imported });
    }
  }
  return { dependency: { form: "export-from", specifier, typeOnly, names, ...positionOf(sf, node) }, reExports, localExports: [] };
}
