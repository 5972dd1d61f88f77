/**
 * Extracts every dependency of one source file from its syntax tree, without
 * the type checker: `import` (and `import type`), `export … from`,
 * `import x = require()`, `import()`, `require()` (also through
 * `createRequire`), and `import("…")` types. It also records the file's
 * re-exports (including `export default` of an imported binding), for
 * tracing re-export chains, and every `import()` or `require()` whose
 * argument cannot be known statically.
 */
import type { ts } from "ts-morph";
import { typescript } from "./typescript.js";

/** The syntactic form of a dependency. */
export type DependencyForm =
  | "import"
  | "export-from"
  | "import-equals"
  | "dynamic-import"
  | "require"
  | "import-type";

/** One dependency of a file, as written. */
export interface Dependency {
  readonly form: DependencyForm;
  readonly specifier: string;
  /** True for `import type`, `export type … from`, and `import("…")` in a type. */
  readonly typeOnly: boolean;
  /**
   * The names taken from the target: export names, `default`, or `*` for the
   * whole module (namespace import, `import()`, `require()`). Empty for a
   * side-effect import.
   */
  readonly names: readonly string[];
  readonly line: number;
  readonly column: number;
}

/** An `import()` or `require()` whose argument is not statically known. */
export interface UnanalysableImport {
  readonly form: "dynamic-import" | "require";
  /** The argument's source text. */
  readonly argument: string;
  readonly line: number;
  readonly column: number;
}

/** A name this file re-exports from another module. */
export interface ReExport {
  /** The name under which this file exports it (`*` for `export * from`). */
  readonly exported: string;
  readonly specifier: string;
  /** The name in the source module: an export name, `default`, or `*` for the whole module. */
  readonly imported: string;
}

/** What one file depends on and re-exports. */
export interface FileFacts {
  readonly dependencies: readonly Dependency[];
  readonly unanalysable: readonly UnanalysableImport[];
  readonly reExports: readonly ReExport[];
}

/** Picks the script kind from a file name. */
export function scriptKindOf(path: string): ts.ScriptKind {
  const ts = typescript();
  if (path.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (path.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Parses a file's text into a syntax tree. With `forFacts`, the tree is only
 * good for {@link extractFacts}, and cheaper: no parent pointers, and JSDoc
 * comments are not parsed (the facts never come from them).
 */
export function parseSource(path: string, text: string, forFacts = false): ts.SourceFile {
  const ts = typescript();
  const options = forFacts
    ? { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }
    : ts.ScriptTarget.Latest;
  return ts.createSourceFile(path, text, options, !forFacts, scriptKindOf(path));
}

function literalText(node: ts.Node | undefined): string | undefined {
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

/** Local names of `createRequire`: itself, and any `import { createRequire as name }`. */
function createRequireNames(sf: ts.SourceFile): Set<string> {
  const ts = typescript();
  const out = new Set(["createRequire"]);
  for (const statement of sf.statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.propertyName?.text === "createRequire") out.add(element.name.text);
    }
  }
  return out;
}

function isCreateRequireCall(node: ts.Expression, creators: ReadonlySet<string>): boolean {
  const ts = typescript();
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (
    (ts.isIdentifier(callee) && creators.has(callee.text)) ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === "createRequire")
  );
}

/** Names bound to a `createRequire(...)` result in this file. */
function requireAliases(sf: ts.SourceFile, creators: ReadonlySet<string>): Set<string> {
  const ts = typescript();
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isCreateRequireCall(node.initializer, creators)) {
      out.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Extracts the {@link FileFacts} of a parsed file. */
export function extractFacts(sf: ts.SourceFile): FileFacts {
  const ts = typescript();
  const dependencies: Dependency[] = [];
  const unanalysable: UnanalysableImport[] = [];
  const reExports: ReExport[] = [];
  const text = sf.text;
  const mayRequire = text.includes("require") || text.includes("createRequire");
  const creators = mayRequire ? createRequireNames(sf) : new Set<string>();
  const requires = mayRequire ? requireAliases(sf, creators) : new Set<string>();
  let consts: Map<string, string | undefined> | undefined;
  /** local name → where it was imported from, for `import { a } …; export { a }`. */
  const importedBindings = new Map<string, { specifier: string; imported: string }>();
  const localExports: { exported: string; local: string }[] = [];

  const pos = (node: ts.Node): { line: number; column: number } => {
    const lc = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { line: lc.line + 1, column: lc.character + 1 };
  };

  const dynamicArgument = (form: UnanalysableImport["form"], call: ts.CallExpression, argNode: ts.Expression | undefined): void => {
    const literal = literalText(argNode);
    if (literal !== undefined) {
      dependencies.push({ form, specifier: literal, typeOnly: false, names: ["*"], ...pos(call) });
      return;
    }
    if (argNode && ts.isIdentifier(argNode)) {
      consts ??= constLiterals(sf);
      const value = consts.get(argNode.text);
      if (value !== undefined) {
        dependencies.push({ form, specifier: value, typeOnly: false, names: ["*"], ...pos(call) });
        return;
      }
    }
    unanalysable.push({ form, argument: argNode ? argNode.getText(sf) : "", ...pos(call) });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const specifier = literalText(node.moduleSpecifier);
      if (specifier === undefined) return;
      const clause = node.importClause;
      const names: string[] = [];
      let allTypeOnly = clause?.isTypeOnly ?? false;
      if (clause) {
        if (clause.name) {
          names.push("default");
          importedBindings.set(clause.name.text, { specifier, imported: "default" });
        }
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          names.push("*");
          importedBindings.set(bindings.name.text, { specifier, imported: "*" });
        } else if (bindings) {
          const elements = bindings.elements;
          if (!clause.isTypeOnly && !clause.name && elements.length > 0 && elements.every((e) => e.isTypeOnly)) allTypeOnly = true;
          for (const element of elements) {
            const imported = (element.propertyName ?? element.name).text;
            names.push(imported);
            importedBindings.set(element.name.text, { specifier, imported });
          }
        }
      }
      dependencies.push({ form: "import", specifier, typeOnly: allTypeOnly, names, ...pos(node) });
      return;
    }
    if (ts.isExportDeclaration(node)) {
      const specifier = literalText(node.moduleSpecifier);
      const clause = node.exportClause;
      if (specifier === undefined) {
        if (clause && ts.isNamedExports(clause)) {
          for (const element of clause.elements) {
            localExports.push({ exported: element.name.text, local: (element.propertyName ?? element.name).text });
          }
        }
        return;
      }
      const names: string[] = [];
      let allTypeOnly = node.isTypeOnly;
      if (!clause) {
        names.push("*");
        reExports.push({ exported: "*", specifier, imported: "*" });
      } else if (ts.isNamespaceExport(clause)) {
        names.push("*");
        reExports.push({ exported: clause.name.text, specifier, imported: "*" });
      } else {
        if (!node.isTypeOnly && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) allTypeOnly = true;
        for (const element of clause.elements) {
          const imported = (element.propertyName ?? element.name).text;
          names.push(imported);
          reExports.push({ exported: element.name.text, specifier, imported });
        }
      }
      dependencies.push({ form: "export-from", specifier, typeOnly: allTypeOnly, names, ...pos(node) });
      return;
    }
    if (ts.isExportAssignment(node) && !node.isExportEquals && ts.isIdentifier(node.expression)) {
      localExports.push({ exported: "default", local: node.expression.text });
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (ts.isExternalModuleReference(node.moduleReference)) {
        const specifier = literalText(node.moduleReference.expression);
        if (specifier !== undefined) {
          dependencies.push({ form: "import-equals", specifier, typeOnly: node.isTypeOnly, names: ["*"], ...pos(node) });
          importedBindings.set(node.name.text, { specifier, imported: "*" });
        }
      }
      return;
    }
    if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) {
        const specifier = literalText(arg.literal);
        if (specifier !== undefined) {
          const qualifier = node.qualifier;
          const first = qualifier ? (ts.isIdentifier(qualifier) ? qualifier.text : leftmost(qualifier)) : "*";
          dependencies.push({ form: "import-type", specifier, typeOnly: true, names: [first], ...pos(node) });
        }
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        dynamicArgument("dynamic-import", node, node.arguments[0]);
      } else if (
        mayRequire &&
        ((ts.isIdentifier(callee) && (callee.text === "require" || requires.has(callee.text))) || isCreateRequireCall(callee, creators))
      ) {
        dynamicArgument("require", node, node.arguments[0]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  for (const { exported, local } of localExports) {
    const binding = importedBindings.get(local);
    if (binding) reExports.push({ exported, specifier: binding.specifier, imported: binding.imported });
  }
  return { dependencies, unanalysable, reExports };
}

function leftmost(name: ts.QualifiedName): string {
  const ts = typescript();
  let left: ts.EntityName = name;
  while (ts.isQualifiedName(left)) left = left.left;
  return left.text;
}
