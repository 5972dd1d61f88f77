/**
 * Finds transaction control in a module: references to commit, rollback,
 * savepoint, release, flush or transaction on any object (including
 * `trx['commit']`, `trx[name]` with a literal const, destructuring and
 * `.bind`), SQL literals that start or end a transaction, and calls into (or
 * references to) a helper one import away that does either.
 */
import type { ts } from "ts-morph";
import { importBindings } from "./bindings.js";
import { constLiterals } from "./facts/literals.js";
import { positionOf } from "./position.js";
import { typescript } from "./typescript.js";

/** Member names that control a transaction. */
export const TRANSACTION_MEMBERS: ReadonlySet<string> = new Set([
  "commit",
  "rollback",
  "savepoint",
  "release",
  "flush",
  "transaction",
]);

/** One piece of transaction control found in a module. */
export interface TransactionFinding {
  /** `member`: a reference to a member; `sql`: a SQL literal; `helper`: a call into a helper that does either. */
  readonly kind: "member" | "sql" | "helper";
  /** What it does: a member name (`commit`) or a SQL keyword (`ROLLBACK`). */
  readonly operation: string;
  /** Source text of the offending expression (shortened). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** For `helper`: the helper's name, file and the finding inside it. */
  readonly via?: { readonly name: string; readonly file: string; readonly finding: TransactionFinding };
}

/** Summary for docs: does the module commit, flush or roll back? */
export interface TransactionSummary {
  readonly commits: boolean;
  readonly flushes: boolean;
  readonly rollbacks: boolean;
  readonly opensTransactions: boolean;
}

/** Loads the module a specifier of the analysed module leads to, when it is a file of the repository. */
export type HelperLoader = (specifier: string) => { readonly path: string; readonly source: ts.SourceFile } | undefined;

const SQL_STATEMENTS: readonly RegExp[] = [
  /^(commit|rollback|end|abort)(\s+(work|transaction))?(\s+and\s+(no\s+)?chain)?$/i,
  /^(commit|rollback)\s+prepared\s+'[^']*'$/i,
  /^prepare\s+transaction\s+'[^']*'$/i,
  /^rollback(\s+(work|transaction))?\s+to\s+(savepoint\s+)?[\w"$]+$/i,
  /^(begin|start\s+transaction)(\s+(work|transaction))?((\s|,)+(isolation\s+level\s+(serializable|repeatable\s+read|read\s+committed|read\s+uncommitted)|read\s+write|read\s+only|(not\s+)?deferrable))*$/i,
  /^savepoint\s+[\w"$]+$/i,
  /^release(\s+savepoint)?\s+[\w"$]+$/i,
  /^set\s+(session\s+|local\s+)?autocommit\s*(=|to)?\s*[\w'"]+$/i,
];

/**
 * Returns the leading SQL keyword (`START TRANSACTION` and `SET AUTOCOMMIT`
 * in full) when some `;`-separated statement of the
 * text starts or ends a transaction. A lone lowercase word (`end`, `begin`)
 * counts only when `inCall` (the literal is passed to a call), so ordinary
 * strings like `"end"` are not taken for SQL. SQL comments are ignored, and
 * so is the content of quoted SQL strings (`'--'` starts no comment).
 */
export function transactionSql(text: string, inCall: boolean): string | undefined {
  const code = text
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/--[^\n]*/g, " ");
  for (const raw of code.split(";")) {
    const statement = raw.trim().replace(/\s+/g, " ");
    if (statement === "") continue;
    if (!SQL_STATEMENTS.some((re) => re.test(statement))) continue;
    const single = !statement.includes(" ");
    if (single && !inCall && statement !== statement.toUpperCase()) continue;
    if (/^start/i.test(statement)) return "START TRANSACTION";
    if (/^set/i.test(statement)) return "SET AUTOCOMMIT";
    return (statement.split(" ")[0] ?? statement).toUpperCase();
  }
  return undefined;
}

function shortText(sf: ts.SourceFile, node: ts.Node): string {
  const text = node.getText(sf).replace(/\s+/g, " ");
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Methods of event emitters and streams whose first argument is an event name (`"end"`), not SQL. */
const EVENT_METHODS: ReadonlySet<string> = new Set([
  "on",
  "once",
  "off",
  "emit",
  "addListener",
  "removeListener",
  "prependListener",
  "prependOnceListener",
  "removeAllListeners",
  "listenerCount",
  "listeners",
]);

/** True when `node` (a literal, or an identifier) is an argument of a call, other than as an event name. */
function isCallArgumentNode(node: ts.Node): boolean {
  const ts = typescript();
  let current = node;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent))) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent !== undefined && ts.isTaggedTemplateExpression(parent)) return true;
  if (parent === undefined || !ts.isCallExpression(parent) || !parent.arguments.includes(current as ts.Expression)) return false;
  const callee = parent.expression;
  const isEventName = parent.arguments[0] === current && ts.isPropertyAccessExpression(callee) && EVENT_METHODS.has(callee.name.text);
  return !isEventName;
}

/** The names of the identifiers a file passes to calls (other than as event names). */
function namesPassedToCalls(sf: ts.SourceFile): Set<string> {
  const ts = typescript();
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && isCallArgumentNode(n)) names.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

/**
 * True when the literal is passed to a call (or tags a template), other than
 * as an event name, directly or as the initializer of a const that is
 * (`const sql = "commit"; trx.query(sql)`).
 */
function isCallArgument(node: ts.Node, passed: () => ReadonlySet<string>): boolean {
  const ts = typescript();
  if (isCallArgumentNode(node)) return true;
  let current = node;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent))) current = current.parent;
  const declaration = current.parent;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer !== current || !ts.isIdentifier(declaration.name)) return false;
  const isConst = ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
  return isConst && passed().has(declaration.name.text);
}

/** Finds direct transaction control (members and SQL) under `node`. */
function directFindings(sf: ts.SourceFile, node: ts.Node): TransactionFinding[] {
  const ts = typescript();
  const findings: TransactionFinding[] = [];
  const member = (name: string, at: ts.Node): void => {
    if (TRANSACTION_MEMBERS.has(name)) {
      findings.push({ kind: "member", operation: name, text: shortText(sf, at), ...positionOf(sf, at) });
    }
  };
  let consts: ReadonlyMap<string, string | undefined> | undefined;
  let passedToCalls: ReadonlySet<string> | undefined;
  const passed = (): ReadonlySet<string> => (passedToCalls ??= namesPassedToCalls(sf));
  /** The member name a key expression names: a string literal, or a const initialised with one. */
  const keyName = (key: ts.Node): string | undefined => {
    if (ts.isStringLiteralLike(key)) return key.text;
    if (!ts.isIdentifier(key)) return undefined;
    consts ??= constLiterals(sf);
    return consts.get(key.text);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      member(n.name.text, n);
    } else if (ts.isElementAccessExpression(n)) {
      const name = keyName(n.argumentExpression);
      if (name !== undefined) member(name, n);
    } else if (ts.isBindingElement(n) && ts.isObjectBindingPattern(n.parent)) {
      const key = n.propertyName ?? n.name;
      if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) member(key.text, n);
      else if (ts.isComputedPropertyName(key)) {
        const name = keyName(key.expression);
        if (name !== undefined) member(name, n);
      }
    } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const op = transactionSql(n.text, isCallArgument(n, passed));
      if (op) findings.push({ kind: "sql", operation: op, text: shortText(sf, n), ...positionOf(sf, n) });
    } else if (ts.isTemplateExpression(n)) {
      const text = n.head.text + n.templateSpans.map((span) => `x${span.literal.text}`).join("");
      const op = transactionSql(text, isCallArgument(n, passed));
      if (op) findings.push({ kind: "sql", operation: op, text: shortText(sf, n), ...positionOf(sf, n) });
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return findings;
}

/** True when a statement carries the `default` modifier (`export default function …`). */
function isDefaultExport(statement: ts.Statement): boolean {
  const ts = typescript();
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/**
 * The local name under which a module declares its export `exported`: itself,
 * or the local of `export { local as exported }` or `export default local`.
 */
function localNameOf(sf: ts.SourceFile, exported: string): string {
  const ts = typescript();
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && exported === "default" && ts.isIdentifier(statement.expression)) {
      return statement.expression.text;
    }
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const element = statement.exportClause.elements.find((e) => e.name.text === exported);
      if (element) return (element.propertyName ?? element.name).text;
    }
  }
  return exported;
}

/**
 * Finds the top-level declaration of the export `name` of a module (function,
 * class, or variable with a function value), following `export default` and
 * `export { local as name }`.
 */
function findDeclaration(sf: ts.SourceFile, name: string): ts.Node | undefined {
  const ts = typescript();
  const local = localNameOf(sf, name);
  for (const statement of sf.statements) {
    if (name === "default" && isDefaultExport(statement) && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))) {
      return statement;
    }
    if (name === "default" && ts.isExportAssignment(statement) && !statement.isExportEquals && !ts.isIdentifier(statement.expression)) {
      return statement.expression;
    }
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === local) return statement;
    if (ts.isClassDeclaration(statement) && statement.name?.text === local) return statement;
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === local) return decl;
      }
    }
  }
  return undefined;
}

/**
 * True when an identifier names something rather than refers to a value: the
 * name of a declaration, a property or member name (`x.name`, `{ name: … }`),
 * or the key of a binding pattern.
 */
function isDeclarationName(id: ts.Identifier): boolean {
  const ts = typescript();
  const parent = id.parent as (ts.Node & { readonly name?: ts.Node; readonly propertyName?: ts.Node }) | undefined;
  if (!parent) return false;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  return parent.name === id || parent.propertyName === id;
}

/** The first transaction control inside the declaration a helper module exports as `name`, or `null` (none, or no such declaration). */
export function helperDeclarationFinding(helper: ts.SourceFile, name: string): TransactionFinding | null {
  const decl = findDeclaration(helper, name);
  return decl ? (directFindings(helper, decl)[0] ?? null) : null;
}

/**
 * What the analysis of a module read of its helpers: for one imported name,
 * the file the specifier led to and the finding in it (each `null` when
 * there was none). The analysis reads nothing else of another file, so equal
 * answers mean equal findings.
 */
export interface HelperQuery {
  readonly specifier: string;
  readonly name: string;
  readonly file: string | null;
  readonly finding: TransactionFinding | null;
}

/**
 * Analyses a module for transaction control. `loadHelper` lets calls into
 * (and other references to) imported functions be followed one import away;
 * pass `undefined` to skip.
 * @param queries - where each distinct question asked of a helper is recorded, with its answer.
 */
export function analyseTransactions(sf: ts.SourceFile, loadHelper?: HelperLoader, queries?: HelperQuery[]): TransactionFinding[] {
  const ts = typescript();
  const findings = directFindings(sf, sf);
  if (!loadHelper) return findings;
  const bindings = new Map([...importBindings(sf)].filter(([, binding]) => !binding.typeOnly));
  const helperCache = new Map<string, { file: string; finding: TransactionFinding } | undefined>();
  const helperFinding = (specifier: string, name: string): { file: string; finding: TransactionFinding } | undefined => {
    const key = `${specifier}\u0000${name}`;
    if (!helperCache.has(key)) {
      const helper = loadHelper(specifier);
      const finding = helper === undefined ? null : helperDeclarationFinding(helper.source, name);
      queries?.push({ specifier, name, file: helper?.path ?? null, finding });
      helperCache.set(key, helper !== undefined && finding !== null ? { file: helper.path, finding } : undefined);
    }
    return helperCache.get(key);
  };
  /** The helper an expression refers to: an imported function, or a member of an imported namespace. */
  const helperOf = (n: ts.Node): { name: string; specifier: string; imported: string } | undefined => {
    if (ts.isIdentifier(n) && !isDeclarationName(n)) {
      const binding = bindings.get(n.text);
      if (binding && binding.imported !== "*") {
        return { name: binding.imported === "default" ? n.text : binding.imported, ...binding };
      }
    } else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const binding = bindings.get(n.expression.text);
      if (binding?.imported === "*") return { name: n.name.text, specifier: binding.specifier, imported: n.name.text };
    }
    return undefined;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isImportEqualsDeclaration(n) || ts.isExportDeclaration(n) || ts.isTypeNode(n)) return;
    const helper = helperOf(n);
    if (helper) {
      const hit = helperFinding(helper.specifier, helper.imported);
      if (hit) {
        const call = n.parent && ts.isCallExpression(n.parent) && n.parent.expression === n ? n.parent : n;
        findings.push({
          kind: "helper",
          operation: hit.finding.operation,
          text: shortText(sf, call),
          ...positionOf(sf, call),
          via: { name: helper.name, file: hit.file, finding: hit.finding },
        });
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Summarises findings for docs (the seed card's "Transaction Boundary" section). */
export function summariseTransactions(findings: readonly TransactionFinding[]): TransactionSummary {
  const ops = new Set(findings.map((f) => f.operation.toLowerCase()));
  return {
    commits: ops.has("commit") || ops.has("end") || ops.has("transaction"),
    flushes: ops.has("flush"),
    rollbacks: ops.has("rollback") || ops.has("abort"),
    opensTransactions: ops.has("transaction") || ops.has("begin") || ops.has("start transaction") || ops.has("savepoint"),
  };
}
