/**
 * String literals and the `const` names bound to them: what a specifier or a
 * member name is when it is written as a literal or through a literal const.
 */
import type { ts } from "ts-morph";
import { typescript } from "../typescript.js";

/** The text of a string literal or a template without substitutions, else `undefined`. */
export function literalText(node: ts.Node | undefined): string | undefined {
  const ts = typescript();
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/**
 * Collects `const NAME = "literal"` declarations. A name bound anywhere else
 * in the file (another declaration with a different value, a parameter, a
 * destructured binding, a function, class or import) maps to undefined, since
 * without scopes the literal may not be what the name means where it is used.
 */
export function constLiterals(sf: ts.SourceFile): Map<string, string | undefined> {
  const ts = typescript();
  const out = new Map<string, string | undefined>();
  const bind = (name: string, value: string | undefined): void => {
    out.set(name, out.has(name) && out.get(name) !== value ? undefined : value);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node)) {
      const isConst = (node.flags & ts.NodeFlags.Const) !== 0;
      for (const decl of node.declarations) {
        if (!ts.isIdentifier(decl.name)) continue;
        let init = decl.initializer;
        while (init && (ts.isAsExpression(init) || ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))) {
          init = init.expression;
        }
        bind(decl.name.text, isConst ? literalText(init) : undefined);
      }
    } else if (ts.isCatchClause(node)) {
      const name = node.variableDeclaration?.name;
      if (name && ts.isIdentifier(name)) bind(name.text, undefined);
    } else if (
      ts.isParameter(node) ||
      ts.isBindingElement(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isClassDeclaration(node) ||
      ts.isClassExpression(node) ||
      ts.isImportClause(node) ||
      ts.isImportSpecifier(node) ||
      ts.isNamespaceImport(node) ||
      ts.isImportEqualsDeclaration(node)
    ) {
      if (node.name && ts.isIdentifier(node.name)) bind(node.name.text, undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
