/**
 * Reads the TSDoc of a module's exported declarations: summary, parameters,
 * return value and thrown errors, as plain text for the placement cards.
 */
import { ts } from "ts-morph";

/** The TSDoc of one declaration. */
export interface DocComment {
  /** The description before the first tag ("" when there is none). */
  readonly summary: string;
  /** `@param` tags, in order. */
  readonly params: readonly { readonly name: string; readonly text: string }[];
  /** The `@returns` text ("" when there is none). */
  readonly returns: string;
  /** `@throws` texts, in order. */
  readonly throws: readonly string[];
}

/** A comment with nothing in it. */
export const EMPTY_DOC: DocComment = Object.freeze({ summary: "", params: [], returns: "", throws: [] });

/** Inline `{@link Name}` becomes `` `Name` `` (or its label when it has one). */
function plain(text: string): string {
  return text.replace(/\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_match, target: string, label: string) =>
    label.trim() === "" ? `\`${target}\`` : label.trim(),
  );
}

function text(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return plain(ts.getTextOfJSDocComment(comment) ?? "").replace(/[ \t]+$/gm, "").trim();
}

/** Strips the `- ` TSDoc puts between a parameter's name and its description. */
function paramText(comment: string): string {
  return comment.replace(/^-\s*/, "");
}

function docOf(node: ts.Node): DocComment {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  if (doc === undefined) return EMPTY_DOC;
  const params: { name: string; text: string }[] = [];
  const throws: string[] = [];
  let returns = "";
  for (const tag of doc.tags ?? []) {
    if (ts.isJSDocParameterTag(tag)) params.push({ name: tag.name.getText(), text: paramText(text(tag.comment)) });
    else if (ts.isJSDocReturnTag(tag)) returns = text(tag.comment);
    else if (ts.isJSDocThrowsTag(tag)) {
      const type = tag.typeExpression ? `\`${tag.typeExpression.type.getText()}\`` : "";
      const what = text(tag.comment);
      throws.push(type === "" ? what : what === "" ? type : `${type}: ${what}`);
    }
  }
  return { summary: text(doc.comment), params, returns, throws };
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The TSDoc of every declaration a module exports directly, by export name.
 * Class members are keyed `Class.member`.
 * @param source - the parsed module.
 */
export function readDocComments(source: ts.SourceFile): ReadonlyMap<string, DocComment> {
  const out = new Map<string, DocComment>();
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) out.set(declaration.name.text, docOf(statement));
      }
      continue;
    }
    const named = statement as ts.Node & { name?: ts.Node };
    if (named.name === undefined || !ts.isIdentifier(named.name)) continue;
    const name = named.name.text;
    out.set(name, docOf(statement));
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const memberName = ts.isConstructorDeclaration(member) ? "constructor" : member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (memberName !== undefined) out.set(`${name}.${memberName}`, docOf(member));
      }
    }
  }
  return out;
}
