/**
 * `import x = require("x")`.
 */
import type { ts } from "ts-morph";
import { positionOf } from "../position.js";
import { typescript } from "../typescript.js";
import { literalText } from "./literals.js";
import type { Dependency } from "./types.js";

/** The dependency of `import x = require("x")`; `undefined` for `import x = A.B`. */
export function importEqualsDependency(sf: ts.SourceFile, node: ts.ImportEqualsDeclaration): Dependency | undefined {
  const ts = typescript();
  if (!ts.isExternalModuleReference(node.moduleReference)) return undefined;
  const specifier = literalText(node.moduleReference.expression);
  if (specifier === undefined) return undefined;
  return { form: "import-equals", specifier, typeOnly: node.isTypeOnly, names: ["*"], ...positionOf(sf, node) };
}
