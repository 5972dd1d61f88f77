/**
 * What the docs generator knows about a repository: one card per contracted
 * module and the dependencies between folders. Built by `collect.ts`, read by
 * the renderers.
 */
import type { ActualImportsSection, ContractData, DocComment, ExportsSection, LayerRule, TransactionSummary } from "../checker/index.js";

/** Everything a placement card shows about one contracted module. */
export interface ModuleCard {
  /** The contract file, repository-relative. */
  readonly contractFile: string;
  /** The contract as written. */
  readonly contract: ContractData;
  /** False when the contracted file does not exist (its code sections are then empty). */
  readonly exists: boolean;
  /** The module's exports as the type checker reads them from the code. */
  readonly exports: ExportsSection;
  /** TSDoc by export name (`Class.member` for members). */
  readonly docs: ReadonlyMap<string, DocComment>;
  /** What the module actually imports. */
  readonly actualImports: ActualImportsSection;
  /** Transaction control found in the code (the checker's transaction analysis). */
  readonly transactions: TransactionSummary;
  /** Files that import the module, sorted. */
  readonly callers: readonly string[];
  /** The checker's violations that concern this module, as `file:line:col rule-id message`. */
  readonly violations: readonly string[];
}

/** A dependency between two folders: how many file-to-file imports make it up. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  readonly imports: number;
  /** True when at least one of those imports breaks a boundary or layer rule. */
  readonly forbidden: boolean;
}

/** A dependency the contracts forbid, between folders (drawn whether or not it exists). */
export interface DeclaredBan {
  readonly from: string;
  readonly to: string;
  /** The contract or layer rule that forbids it. */
  readonly rule: string;
}

/** Everything the docs are generated from. */
export interface DocsModel {
  readonly cards: readonly ModuleCard[];
  readonly edges: readonly FolderEdge[];
  readonly bans: readonly DeclaredBan[];
  readonly layers: readonly LayerRule[];
}
