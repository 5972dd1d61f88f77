/**
 * Reads the TSDoc of a declaration: summary, parameters, return value and
 * thrown errors, as plain text. The module-API reader keeps it with each
 * export, and the placement cards show it.
 */
import type { ts } from "ts-morph";
import { typescript } from "./typescript.js";

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
  const ts = typescript();
  return plain(ts.getTextOfJSDocComment(comment) ?? "").replace(/[ \t]+$/gm, "").trim();
}

/** Strips the `- ` TSDoc puts between a parameter's name and its description. */
function paramText(comment: string): string {
  return comment.replace(/^-\s*/, "");
}

/** The TSDoc of one declaration (its last doc comment), or {@link EMPTY_DOC}. */
export function docOf(node: ts.Node): DocComment {
  const ts = typescript();
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
