/**
 * `import("x")`, `require("x")`, and `require` obtained from `createRequire`
 * (bound to any name, renamed on import, or called at once). An argument
 * that is neither a literal nor a `const` bound to one is unanalysable.
 */
import type { ts } from "ts-morph";
import { positionOf } from "../position.js";
import { typescript } from "../typescript.js";
import { constLiterals, literalText } from "./literals.js";
import type { Dependency, UnanalysableImport } from "./types.js";

/** The names under which one file calls `require`, found once per file. */
export interface RequireNames {
  /** Local names of `createRequire`: itself, and any `import { createRequire as name }`. */
  readonly creators: ReadonlySet<string>;
  /** Names bound to a `createRequire(...)` result. */
  readonly aliases: ReadonlySet<string>;
}

/** No `require` anywhere in the file (the text never mentions `require` or `createRequire`). */
const NO_REQUIRE: RequireNames = { creators: new Set(), aliases: new Set() };

function isCreateRequireCall(node: ts.Expression, creators: ReadonlySet<string>): boolean {
  const ts = typescript();
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return (
    (ts.isIdentifier(callee) && creators.has(callee.text)) ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === "createRequire")
  );
}

/** Finds the names under which `sf` calls `require`; cheap when its text never mentions `require` or `createRequire`. */
export function requireNames(sf: ts.SourceFile): RequireNames {
  const ts = typescript();
  if (!sf.text.includes("require") && !sf.text.includes("createRequire")) return NO_REQUIRE;
  const creators = new Set(["createRequire"]);
  for (const statement of sf.statements) {
    const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.propertyName?.text === "createRequire") creators.add(element.name.text);
    }
  }
  const aliases = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isCreateRequireCall(node.initializer, creators)) {
      aliases.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { creators, aliases };
}

/** The form of a call that loads a module, or `undefined` for any other call. */
function loadingForm(call: ts.CallExpression, names: RequireNames): "dynamic-import" | "require" | undefined {
  const ts = typescript();
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return "dynamic-import";
  if (names === NO_REQUIRE) return undefined;
  if (ts.isIdentifier(callee) && (callee.text === "require" || names.aliases.has(callee.text))) return "require";
  return isCreateRequireCall(callee, names.creators) ? "require" : undefined;
}

/** Reads the arguments of module-loading calls of one file. */
export class CallReader {
  private consts: Map<string, string | undefined> | undefined;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly names: RequireNames,
  ) {}

  /**
   * The dependency of a module-loading call, or its unanalysable argument;
   * `undefined` when the call loads no module.
   */
  read(call: ts.CallExpression): { dependency: Dependency } | { unanalysable: UnanalysableImport } | undefined {
    const ts = typescript();
    const form = loadingForm(call, this.names);
    if (form === undefined) return undefined;
    const argument = call.arguments[0];
    const at = positionOf(this.sf, call);
    let specifier = literalText(argument);
    if (specifier === undefined && argument && ts.isIdentifier(argument)) {
      this.consts ??= constLiterals(this.sf);
      specifier = this.consts.get(argument.text);
    }
    if (specifier !== undefined) return { dependency: { form, specifier, typeOnly: false, names: ["*"], ...at } };
    return { unanalysable: { form, argument: argument ? argument.getText(this.sf) : "", ...at } };
  }
}
