/**
 * The names a module exports from its own declarations: `export function f`,
 * `export const a`, `export class`, `export interface`, `export type`,
 * `export enum`, `export namespace`, `export default …`, and
 * `export { local as name }` of a local (not imported) binding. The re-export
 * walk reads them to blame a contracted module only for a name really
 * declared there.
 */
import type { ts } from "ts-morph";
import { typescript } from "../typescript.js";
import type { LocalExport } from "./export-declaration.js";

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const ts = typescript();
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The names bound by a binding name (`a`, `{ a, b: c }`, `[d, ...e]`). */
function boundNames(name: ts.BindingName): string[] {
  const ts = typescript();
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** The exported names one top-level statement declares. */
function declaredBy(statement: ts.Statement): string[] {
  const ts = typescript();
  // `export default local` is a local export, read with the `export { … }` clauses.
  if (ts.isExportAssignment(statement)) return statement.isExportEquals || ts.isIdentifier(statement.expression) ? [] : ["default"];
  if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return [];
  if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) return ["default"];
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => boundNames(d.name));
  const named = statement as ts.Statement & { readonly name?: ts.Node };
  return named.name !== undefined && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name)) ? [named.name.text] : [];
}

/**
 * The names `sf` exports from its own declarations, sorted.
 * @param localExports - its `export { … }` clauses without a specifier.
 * @param imported - its imported local names (such an export is a re-export, not a declaration).
 */
export function declaredExports(sf: ts.SourceFile, localExports: readonly LocalExport[], imported: ReadonlySet<string>): string[] {
  const names = new Set(sf.statements.flatMap(declaredBy));
  for (const { exported, local } of localExports) if (!imported.has(local)) names.add(exported);
  return [...names].sort();
}
