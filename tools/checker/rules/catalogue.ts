/**
 * The catalogue of rule ids with a one-line description each, used by the
 * SARIF report and the README.
 */
import type { RuleId } from "./types.js";

/** A description of every rule, by id. */
export const RULES: Readonly<Record<RuleId, string>> = {
  "inbound-boundary":
    "A file that depends on a contracted module must match the contract's allowed_inbound globs and none of its forbidden_inbound globs.",
  "unanalysable-import":
    "An import() or require() whose argument is neither a string literal nor a const with a literal initializer.",
  "reexport-laundering":
    "A file outside a contract's allow-list imports a symbol declared in the contracted module through a barrel or a chain of re-exports.",
  "layer-boundary": "A file matching a layer rule's `from` globs depends on a file matching its `forbidden` globs.",
  "transaction-forbidden":
    "A module whose contract says `transaction: forbidden` commits, rolls back, opens a transaction or calls a helper that does.",
  "export-drift": "The module's exports (names, kinds, signatures) differ from the contract's `exports` section.",
  "import-drift": "The module's imports differ from the contract's `actual_imports` section.",
  "contract-coverage": "A file under a covered folder has no contract, or a contract names a file that does not exist.",
};
