/**
 * Extracts the {@link FileFacts} of one parsed file: one pass over its syntax
 * tree hands each node to the reader of its form.
 */
import type { ts } from "ts-morph";
import { importBindings } from "../bindings.js";
import { typescript } from "../typescript.js";
import { CallReader, requireNames } from "./calls.js";
import { declaredExports } from "./declared.js";
import { exportDeclarationFacts, type LocalExport } from "./export-declaration.js";
import { importDeclarationDependency } from "./import-declaration.js";
import { importEqualsDependency } from "./import-equals.js";
import { importTypeDependency } from "./import-type.js";
import { suppressionComments } from "./suppressions.js";
import type { Dependency, FileFacts, ReExport, UnanalysableImport } from "./types.js";

/** Extracts the {@link FileFacts} of a parsed file. */
export function extractFacts(sf: ts.SourceFile): FileFacts {
  const ts = typescript();
  const dependencies: Dependency[] = [];
  const unanalysable: UnanalysableImport[] = [];
  const reExports: ReExport[] = [];
  const localExports: LocalExport[] = [];
  const calls = new CallReader(sf, requireNames(sf));
  const add = (dependency: Dependency | undefined): void => {
    if (dependency !== undefined) dependencies.push(dependency);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return add(importDeclarationDependency(sf, node));
    if (ts.isImportEqualsDeclaration(node)) return add(importEqualsDependency(sf, node));
    if (ts.isExportDeclaration(node)) {
      const facts = exportDeclarationFacts(sf, node);
      add(facts.dependency);
      reExports.push(...facts.reExports);
      localExports.push(...facts.localExports);
      return;
    }
    if (ts.isExportAssignment(node) && !node.isExportEquals && ts.isIdentifier(node.expression)) {
      localExports.push({ exported: "default", local: node.expression.text });
      return;
    }
    if (ts.isImportTypeNode(node)) add(importTypeDependency(sf, node));
    else if (ts.isCallExpression(node)) {
      const call = calls.read(node);
      if (call !== undefined && "dependency" in call) dependencies.push(call.dependency);
      else if (call !== undefined) unanalysable.push(call.unanalysable);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  const bindings = importBindings(sf);
  for (const { exported, local } of localExports) {
    const binding = bindings.get(local);
    if (binding) reExports.push({ exported, specifier: binding.specifier, imported: binding.imported });
  }
  return {
    dependencies,
    unanalysable,
    reExports,
    declared: declaredExports(sf, localExports, new Set(bindings.keys())),
    suppressions: suppressionComments(sf),
  };
}
