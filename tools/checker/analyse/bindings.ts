/**
 * The import bindings of a module: which local name comes from which
 * specifier. The dependency facts (`export { a }` of an imported `a` is a
 * re-export) and the transaction analysis (a call of an imported helper) both
 * read them.
 */
import type { ts } from "ts-morph";
import { typescript } from "./typescript.js";

/** Where one local name of a module was imported from. */
export interface ImportBinding {
  readonly specifier: string;
  /** The export name in the source module: a name, `default`, or `*` for a namespace (or `import x = require()`). */
  readonly imported: string;
  /** True for `import type`, `import { type x }` and `import type x = require()`. */
  readonly typeOnly: boolean;
}

/** The imported bindings of a module's top-level `import` and `import x = require()` statements, by local name. */
export function importBindings(sf: ts.SourceFile): Map<string, ImportBinding> {
  const ts = typescript();
  const out = new Map<string, ImportBinding>();
  for (const statement of sf.statements) {
    if (ts.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        out.set(statement.name.text, { specifier: reference.expression.text, imported: "*", typeOnly: statement.isTypeOnly });
      }
      continue;
    }
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause) continue;
    const specifier = statement.moduleSpecifier.text;
    if (clause.name) out.set(clause.name.text, { specifier, imported: "default", typeOnly: clause.isTypeOnly });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      out.set(bindings.name.text, { specifier, imported: "*", typeOnly: clause.isTypeOnly });
    } else if (bindings) {
      for (const element of bindings.elements) {
        out.set(element.name.text, {
          specifier,
          imported: (element.propertyName ?? element.name).text,
          typeOnly: clause.isTypeOnly || element.isTypeOnly,
        });
      }
    }
  }
  return out;
}
