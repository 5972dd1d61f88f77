/**
 * Reads the exported API of a module with the TypeScript type checker:
 * names, kinds, signatures as the checker prints them, and TSDoc. The result
 * has the shape of a contract's `exports` section (consumers left empty), so
 * it can be compared with the contract or written into it.
 */
import type { Project, SourceFile, Symbol as MorphSymbol, ts } from "ts-morph";
import type { ClassExport, DefinitionExport, ExportsSection, FunctionExport, MethodExport } from "../contracts/types.js";
import { positionOf } from "./position.js";
import { type DocComment, docOf } from "./tsdoc.js";
import { tsMorph, typescript } from "./typescript.js";

/** The exported API of a module and each export's TSDoc. */
export interface ModuleApi {
  readonly exports: ExportsSection;
  /**
   * Each exported type, enum, interface and constant as a TypeScript
   * declaration that compiles on its own once the names it uses are in scope
   * (`type X<T> = …;`, `declare enum X { … }`, `interface X { … }`,
   * `declare const X: T;`), by export name, on one line. Built from the same
   * printed types as the `exports` section; {@link layOutDeclaration} lays
   * one out for a reader (the checker compares them as they are).
   */
  readonly declarations: Readonly<Record<string, string>>;
  /** What each exported function returns, one entry per signature (overloads), as the checker prints it (`value is T` for a type predicate). */
  readonly returns: Readonly<Record<string, readonly string[]>>;
  /** TSDoc by export name, and by `Class.member` for the members of exported classes (absent when there is none). */
  readonly docs: Readonly<Record<string, DocComment>>;
  /** 1-based position of each export's declaration in the module, else of its re-export (1:1 for `export *`). */
  readonly positions: Readonly<Record<string, { readonly line: number; readonly column: number }>>;
}

/** The flags every type is printed with. */
function formatFlags(): ts.TypeFormatFlags {
  const ts = typescript();
  return (
    ts.TypeFormatFlags.NoTruncation |
    ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope |
    ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType
  );
}

/**
 * An exported variable (or anything else exported as a value) as an ambient
 * declaration: `declare const X: T;` (`let` for a `let`), and a default
 * export as the compiler's declaration files write it.
 */
function constantDeclaration(name: string, type: string, node: ts.Node): string {
  const ts = typescript();
  const keyword = ts.isVariableDeclaration(node) && (ts.getCombinedNodeFlags(node) & ts.NodeFlags.Let) !== 0 ? "let" : "const";
  if (name === "default") return `declare const _default: ${type};\nexport default _default;`;
  return `declare ${keyword} ${name}: ${type};`;
}

/**
 * A declaration of {@link ModuleApi.declarations} as the TypeScript printer
 * lays it out (one member per line, indented by two spaces), or as it is
 * when it does not parse. Only readers need it (the placement cards), so a
 * check does not pay for it.
 */
export function layOutDeclaration(declaration: string): string {
  const ts = typescript();
  const syntax = ts.transpileModule(declaration, { reportDiagnostics: true, fileName: "declaration.ts" }).diagnostics ?? [];
  if (syntax.length > 0) return declaration;
  const file = ts.createSourceFile("declaration.ts", declaration, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const printed = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(file).trimEnd();
  // The printer indents by four spaces; the repository's code (and its docs) by two.
  return printed.replace(/^(?: {4})+/gm, (indent) => " ".repeat(indent.length / 2));
}

/** Creates a ts-morph project for reading module APIs; files are added with {@link readModuleApi}. */
export function createApiProject(compilerOptions: ts.CompilerOptions): Project {
  const { Project } = tsMorph();
  return new Project({
    compilerOptions: { ...compilerOptions, noEmit: true, skipLibCheck: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
}

/** The node a declaration's TSDoc is written on: the variable statement of a variable. */
function documented(node: ts.Node): ts.Node {
  const ts = typescript();
  return ts.isVariableDeclaration(node) && ts.isVariableStatement(node.parent.parent) ? node.parent.parent : node;
}

/** Records the TSDoc of a declaration, and of its members when it is a class. */
function recordDocs(docs: Record<string, DocComment>, name: string, decl: ts.Node): void {
  const ts = typescript();
  const doc = docOf(documented(decl));
  if (doc.summary !== "" || doc.params.length > 0 || doc.returns !== "" || doc.throws.length > 0) docs[name] = doc;
  if (!ts.isClassDeclaration(decl)) return;
  for (const member of decl.members) {
    const memberName = ts.isConstructorDeclaration(member) ? "constructor" : member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
    const memberDoc = memberName === undefined ? undefined : docOf(member);
    if (memberDoc !== undefined && memberDoc.summary !== "") docs[`${name}.${memberName}`] = memberDoc;
  }
}

/** Reads the API of the module at `absolutePath` (added to `project` if needed). */
export function readModuleApi(project: Project, root: string, absolutePath: string): ModuleApi {
  const sourceFile = project.getSourceFile(absolutePath) ?? project.addSourceFileAtPath(absolutePath);
  return apiOf(sourceFile, root);
}

function apiOf(sourceFile: SourceFile, root: string): ModuleApi {
  const ts = typescript();
  const { Node } = tsMorph();
  const FORMAT = formatFlags();
  const checker = sourceFile.getProject().getTypeChecker().compilerObject;
  const functions: FunctionExport[] = [];
  const classes: ClassExport[] = [];
  const types: DefinitionExport[] = [];
  const protocols: DefinitionExport[] = [];
  const constants: DefinitionExport[] = [];
  const declarations: Record<string, string> = {};
  const returns: Record<string, string[]> = {};
  const docs: Record<string, DocComment> = {};
  const positions: Record<string, { line: number; column: number }> = {};
  const enclosing = sourceFile.compilerNode;
  const clean = (text: string): string => text.split(`import("${root}/`).join('import("');
  const sig = (s: ts.Signature): string => clean(checker.signatureToString(s, enclosing, FORMAT));
  const typeText = (t: ts.Type): string => clean(checker.typeToString(t, enclosing, FORMAT | ts.TypeFormatFlags.InTypeAlias));
  const returnText = (s: ts.Signature): string => {
    const predicate = checker.getTypePredicateOfSignature(s);
    return clean(predicate === undefined ? checker.typeToString(s.getReturnType(), enclosing, FORMAT) : checker.typePredicateToString(predicate, enclosing, FORMAT));
  };
  const typeParameters = (node: ts.Node): string => {
    const list = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? node.typeParameters : undefined;
    return list === undefined ? "" : `<${list.map((parameter) => parameter.getText()).join(", ")}>`;
  };

  for (const exported of sourceFile.getExportSymbols()) {
    const name = exported.getName();
    const symbol: MorphSymbol = exported.getAliasedSymbol() ?? exported;
    const decl = symbol.getDeclarations()[0];
    if (!decl) continue;
    recordDocs(docs, name, decl.compilerNode);
    const site = [decl, ...exported.getDeclarations()].find((d) => d.getSourceFile() === sourceFile);
    positions[name] = site ? positionOf(sourceFile.compilerNode, site.compilerNode) : { line: 1, column: 1 };
    const compilerSymbol = symbol.compilerSymbol;
    if (Node.isFunctionDeclaration(decl)) {
      const type = checker.getTypeOfSymbolAtLocation(compilerSymbol, decl.compilerNode);
      const signature = type.getCallSignatures().map((s) => `${name}${sig(s)}`).join("; ");
      functions.push({ name, signature, consumers: [] });
      returns[name] = type.getCallSignatures().map(returnText);
    } else if (Node.isClassDeclaration(decl)) {
      const methods: MethodExport[] = [];
      const ctor = decl.getConstructors()[0];
      const staticType = checker.getTypeOfSymbolAtLocation(compilerSymbol, decl.compilerNode);
      const ctorSigs = staticType.getConstructSignatures();
      if (ctor || ctorSigs.length > 0) {
        methods.push({ name: "constructor", signature: ctorSigs.map((s) => `constructor${sig(s)}`).join("; ") });
      }
      for (const method of decl.getMethods()) {
        if (method.hasModifier(ts.SyntaxKind.PrivateKeyword) || method.hasModifier(ts.SyntaxKind.ProtectedKeyword)) continue;
        if (method.getName().startsWith("#")) continue;
        const mType = checker.getTypeAtLocation(method.compilerNode);
        const prefix = method.isStatic() ? "static " : "";
        methods.push({
          name: method.getName(),
          signature: mType.getCallSignatures().map((s) => `${prefix}${method.getName()}${sig(s)}`).join("; "),
        });
      }
      const base = decl.getExtends();
      classes.push({
        name,
        ...(base ? { extends: base.getText() } : {}),
        methods,
        consumers: [],
      });
    } else if (Node.isInterfaceDeclaration(decl)) {
      const type = checker.getDeclaredTypeOfSymbol(compilerSymbol);
      const members = checker.getPropertiesOfType(type).map((prop) => {
        const propType = checker.getTypeOfSymbolAtLocation(prop, decl.compilerNode);
        const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0 ? "?" : "";
        const readonly = prop.declarations?.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Readonly) ? "readonly " : "";
        if ((prop.flags & ts.SymbolFlags.Method) !== 0) {
          return propType.getCallSignatures().map((s) => `${prop.name}${optional}${sig(s)}`).join("; ");
        }
        return `${readonly}${prop.name}${optional}: ${typeText(propType)}`;
      });
      const definition = members.length === 0 ? "{}" : `{ ${members.join("; ")} }`;
      protocols.push({ name, definition, consumers: [] });
      declarations[name] = `interface ${name}${typeParameters(decl.compilerNode)} ${definition}`;
    } else if (Node.isTypeAliasDeclaration(decl)) {
      const definition = typeText(checker.getDeclaredTypeOfSymbol(compilerSymbol));
      types.push({ name, definition, consumers: [] });
      declarations[name] = `type ${name}${typeParameters(decl.compilerNode)} = ${definition};`;
    } else if (Node.isEnumDeclaration(decl)) {
      const members = decl.getMembers().map((m) => `${m.getName()} = ${JSON.stringify(m.getValue())}`);
      types.push({ name, definition: `enum { ${members.join(", ")} }`, consumers: [] });
      declarations[name] = `declare ${decl.isConstEnum() ? "const " : ""}enum ${name} { ${members.join(", ")} }`;
    } else {
      const definition = typeText(checker.getTypeOfSymbolAtLocation(compilerSymbol, decl.compilerNode));
      constants.push({ name, definition, consumers: [] });
      declarations[name] = constantDeclaration(name, definition, decl.compilerNode);
    }
  }
  const byName = <T extends { name: string }>(list: T[]): T[] => list.sort((a, b) => a.name.localeCompare(b.name));
  return {
    exports: {
      functions: byName(functions),
      classes: byName(classes),
      types: byName(types),
      protocols: byName(protocols),
      constants: byName(constants),
    },
    declarations,
    returns,
    docs,
    positions,
  };
}
