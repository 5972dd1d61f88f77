/**
 * Rule `reexport-laundering`: a file outside a contract's boundary may not
 * reach a name declared in the contracted module through a barrel or a chain
 * of re-exports. The message names the chain.
 */
import { defineDependencyRule, targetOf } from "./rule.js";

/** The rule `reexport-laundering`. */
export const reexportLaundering = defineDependencyRule({
  id: "reexport-laundering",
  summary:
    "A file outside a contract's boundary imports a name declared in the contracted module through a barrel or a chain of re-exports (export … from, export *, import then export).",
  help: "Import from a module the contract allows, or stop re-exporting the contracted module's names from the barrel.",
  engines: ["ts-morph"],
  explain({ file, dependency }, { contract, name, chain }) {
    const end = chain[chain.length - 1] ?? contract.data.placement.file;
    const what = name === "*" ? "the whole module" : `"${name}"`;
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `${file} reaches ${end} through re-exports (${what}): ${[file, ...chain].join(" -> ")}`,
      contract: contract.contractFile,
      fix: `Do not use ${end} from here; go through an allowed layer (${contract.data.boundary.allowed_inbound.join(", ") || "none"}).`,
      target: targetOf(dependency),
    };
  },
});
