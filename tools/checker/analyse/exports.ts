/**
 * Reads the exported API of a module with the TypeScript type checker:
 * names, kinds, signatures as the checker prints them, and TSDoc. The result
 * has the shape of a contract's `exports` section (consumers left empty), so
 * it can be compared with the contract or written into it.
 */
import type { Node, Project, SourceFile, Symbol as MorphSymbol, ts } from "ts-morph";
import { tsMorph, typescript } from "./typescript.js";
import type { ClassExport, DefinitionExport, ExportsSection, FunctionExport, MethodExport } from "../contracts/types.js";

/** The exported API of a module and each export's TSDoc. */
export interface ModuleApi {
  readonly exports: ExportsSection;
  /** TSDoc text by export name ("" when there is none). */
  readonly docs: Readonly<Record<string, string>>;
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

/** Creates a ts-morph project for reading module APIs; files are added with {@link readModuleApi}. */
export function createApiProject(compilerOptions: ts.CompilerOptions): Project {
  const { Project } = tsMorph();
  return new Project({
    compilerOptions: { ...compilerOptions, noEmit: true, skipLibCheck: true },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
}

function docsOf(node: Node): string {
  const { Node } = tsMorph();
  if (!Node.isJSDocable(node)) {
    const statement = node.getFirstAncestor((a) => Node.isVariableStatement(a));
    return statement && Node.isJSDocable(statement) ? joinDocs(statement.getJsDocs().map((d) => d.getDescription())) : "";
  }
  return joinDocs(node.getJsDocs().map((d) => d.getDescription()));
}

function joinDocs(parts: readonly string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== "").join("\n\n");
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
  const docs: Record<string, string> = {};
  const positions: Record<string, { line: number; column: number }> = {};
  const enclosing = sourceFile.compilerNode;
  const clean = (text: string): string => text.split(`import("${root}/`).join('import("');
  const sig = (s: ts.Signature): string => clean(checker.signatureToString(s, enclosing, FORMAT));
  const typeText = (t: ts.Type): string => clean(checker.typeToString(t, enclosing, FORMAT | ts.TypeFormatFlags.InTypeAlias));

  for (const exported of sourceFile.getExportSymbols()) {
    const name = exported.getName();
    const symbol: MorphSymbol = exported.getAliasedSymbol() ?? exported;
    const decl = symbol.getDeclarations()[0];
    if (!decl) continue;
    docs[name] = docsOf(decl);
    const site = [decl, ...exported.getDeclarations()].find((d) => d.getSourceFile() === sourceFile);
    positions[name] = site ? sourceFile.getLineAndColumnAtPos(site.getStart()) : { line: 1, column: 1 };
    const compilerSymbol = symbol.compilerSymbol;
    if (Node.isFunctionDeclaration(decl)) {
      const type = checker.getTypeOfSymbolAtLocation(compilerSymbol, decl.compilerNode);
      const signature = type.getCallSignatures().map((s) => `${name}${sig(s)}`).join("; ");
      functions.push({ name, signature, consumers: [] });
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
      protocols.push({ name, definition: members.length === 0 ? "{}" : `{ ${members.join("; ")} }`, consumers: [] });
    } else if (Node.isTypeAliasDeclaration(decl)) {
      types.push({ name, definition: typeText(checker.getDeclaredTypeOfSymbol(compilerSymbol)), consumers: [] });
    } else if (Node.isEnumDeclaration(decl)) {
      const members = decl.getMembers().map((m) => `${m.getName()} = ${JSON.stringify(m.getValue())}`);
      types.push({ name, definition: `enum { ${members.join(", ")} }`, consumers: [] });
    } else {
      const type = checker.getTypeOfSymbolAtLocation(compilerSymbol, decl.compilerNode);
      constants.push({ name, definition: typeText(type), consumers: [] });
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
    docs,
    positions,
  };
}
