/**
 * What the docs generator knows about a repository: one card per contracted
 * module and the diagram of the dependencies between folders. Built by
 * `collect.ts` (and `diagram.ts`), read by the renderers.
 */
import type { ActualImportsSection, ContractData, LayerRule, ModuleApi, TransactionSummary } from "../checker/index.js";

/** Everything a placement card shows about one contracted module. */
export interface ModuleCard {
  /** The contract file, repository-relative. */
  readonly contractFile: string;
  /** The contract as written. */
  readonly contract: ContractData;
  /** The page's title: the module's file name, with as many folders as it takes to tell it from the other modules' (`db/index.ts`). */
  readonly title: string;
  /** False when the contracted file does not exist (its code sections are then empty). */
  readonly exists: boolean;
  /** The module's API as the type checker reads it: exports, their declarations, return types and TSDoc. */
  readonly api: ModuleApi;
  /** What the module actually imports. */
  readonly actualImports: ActualImportsSection;
  /** Transaction control found in the code (the checker's transaction analysis). */
  readonly transactions: TransactionSummary;
  /** Files that import the module, sorted. */
  readonly callers: readonly string[];
  /** The checker's violations that concern this module, as `file:line:col rule-id message`. */
  readonly violations: readonly string[];
}

/**
 * A dependency between two folders: how many file-to-file imports make it
 * up. Folders are named by their key: the first two levels of a file's
 * folder (`spine/db`), the top folder alone for the files directly in it
 * (`bench`), `""` for the files at the repository root.
 */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  readonly imports: number;
  /** True when at least one of those imports breaks a boundary or layer rule. */
  readonly forbidden: boolean;
}

/** A dependency a contract or a layer rule forbids, as declared: from the files a glob matches to those another matches. */
export interface DeclaredBan {
  readonly from: string;
  readonly to: string;
  /** The contract file or the layer rule that declares it (`contracts/drivers/x.contract.yaml`, `layer spine-never-imports-tooling`). */
  readonly declaredBy: string;
  /** A module's boundary (its contract's `forbidden_inbound`) or a layer rule. */
  readonly kind: "boundary" | "layer";
  /** The module's page title (`db/index.ts`) or the layer rule's name. */
  readonly name: string;
}

/** A folder drawn as a node of the diagram. */
export interface DiagramNode {
  /** The Mermaid id (never shown). */
  readonly id: string;
  /** The text shown: the folder's path (`spine/db/`), `bench/*` for the files directly in `bench/`, `./*` for those at the root. */
  readonly label: string;
}

/** A box of the diagram (a Mermaid subgraph): a top folder, or the part of the repository outside its packages. */
export interface DiagramBox {
  readonly id: string;
  readonly label: string;
  readonly boxes: readonly DiagramBox[];
  readonly nodes: readonly DiagramNode[];
}

/** An arrow of the diagram between two nodes or boxes (by id). */
export interface DiagramLink {
  readonly from: string;
  readonly to: string;
  /** `import`: imports the rules allow; `forbidden-import`: imports that break a rule; `ban`: a dependency the rules forbid. */
  readonly kind: "import" | "forbidden-import" | "ban";
  /** The number of imports, or the declarations of a ban. */
  readonly label: string;
}

/** A declared ban the diagram cannot draw, and why: a glob that matches no file, or both sides in one folder. */
export interface UndrawnBan {
  readonly ban: DeclaredBan;
  readonly why: string;
}

/** The diagram of the dependencies between folders. */
export interface Diagram {
  /** The whole repository (its boxes and nodes are drawn; it is not). */
  readonly root: DiagramBox;
  readonly links: readonly DiagramLink[];
  readonly undrawn: readonly UndrawnBan[];
}

/** Everything the docs are generated from. */
export interface DocsModel {
  readonly cards: readonly ModuleCard[];
  readonly diagram: Diagram;
  readonly layers: readonly LayerRule[];
}
