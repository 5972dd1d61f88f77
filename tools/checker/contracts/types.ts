/**
 * The shapes of the YAML files under `contracts/`, as loaded and validated.
 * Field names follow the YAML (snake_case) so that a contract reads the same
 * in both places.
 */
import type { Limits } from "../limits.js";

/** `transaction: forbidden` or `transaction: allowed`. */
export type TransactionPolicy = "forbidden" | "allowed";

/**
 * The placement card of a module. Only `file` is required; the other fields
 * are prose for the docs, except `transaction`, which the rule
 * `transaction-forbidden` enforces when it is `forbidden` (absent: not
 * checked).
 */
export interface Placement {
  /** Path of the module, relative to the repository root. */
  readonly file: string;
  /** The layer, in the team's words (`L4 — spine (driver)`). */
  readonly layer?: string;
  /** What kind of module it is (`driver`, `orchestrator`). */
  readonly role?: string;
  /** Who calls the module, in prose (the boundary globs are the enforced part). */
  readonly inbound?: readonly string[];
  /** What the module calls, in prose. */
  readonly outbound?: readonly string[];
  /** Whether the module may control transactions (absent: not checked). */
  readonly transaction?: TransactionPolicy;
  /** The other domains the module reaches, in prose. */
  readonly cross_domain?: readonly string[];
  /** What the module is for, in one sentence. */
  readonly purpose?: string;
}

/** An exported function. */
export interface FunctionExport {
  readonly name: string;
  /** `name(params): Return`, as printed by the TypeScript checker. */
  readonly signature: string;
  readonly consumers: readonly string[];
}

/** A method of an exported class. */
export interface MethodExport {
  readonly name: string;
  readonly signature: string;
}

/** An exported class. */
export interface ClassExport {
  readonly name: string;
  /** The base class, when the class extends one. */
  readonly extends?: string;
  readonly methods: readonly MethodExport[];
  readonly consumers: readonly string[];
}

/** An exported type alias, interface (protocol) or constant. */
export interface DefinitionExport {
  readonly name: string;
  /** The type as printed by the TypeScript checker. */
  readonly definition: string;
  readonly consumers: readonly string[];
}

/** The `exports` section. */
export interface ExportsSection {
  readonly functions: readonly FunctionExport[];
  readonly classes: readonly ClassExport[];
  /** Type aliases and enums. */
  readonly types: readonly DefinitionExport[];
  /** Interfaces. */
  readonly protocols: readonly DefinitionExport[];
  /** Exported variables. */
  readonly constants: readonly DefinitionExport[];
}

/** The `boundary` section: path globs from the repository root. */
export interface BoundarySection {
  readonly allowed_inbound: readonly string[];
  /** Optional in the file (absent: none); always set once loaded. */
  readonly forbidden_inbound: readonly string[];
}

/** The `actual_imports` section. */
export interface ActualImportsSection {
  /** Repository-relative paths of the files of this repository the module imports. */
  readonly internal: readonly string[];
  /** Package names the module imports (`node:` built-ins included). */
  readonly external: readonly string[];
}

/** The `pairing` section (declared, not checked). */
export interface PairingSection {
  readonly serves_domains: readonly string[];
  readonly expected_l5_consumers: readonly string[];
  readonly orchestrator_operations: readonly string[];
}

/**
 * The data of one module contract. `placement` (with its `file`) and
 * `boundary` are required; an absent optional section is not checked.
 */
export interface ContractData {
  readonly placement: Placement;
  /** The promised API (absent: export-drift does not check the module; `--update` fills it). */
  readonly exports?: ExportsSection;
  readonly boundary: BoundarySection;
  /** The recorded imports (absent: import-drift does not check the module; `--update` fills it). */
  readonly actual_imports?: ActualImportsSection;
  /** Declared, never checked. */
  readonly pairing?: PairingSection;
}

/** One layer rule of `contracts/project.yaml`, with its optional keys defaulted. */
export interface LayerRule {
  /** Kebab-case name, shown in messages and dependency-cruiser output. */
  readonly name: string;
  /** Globs of the files the rule applies to. */
  readonly from: readonly string[];
  /** Globs of files matching `from` that the rule does not govern (empty by default). */
  readonly except: readonly string[];
  /**
   * Globs of what those files may not depend on: repository files, and
   * packages by name (`jotai`, `@scope/**`, `node:*`). Empty by default (a
   * rule may have `only` instead).
   */
  readonly forbidden: readonly string[];
  /** Globs exempt from `forbidden` (files or packages; empty by default). */
  readonly allow: readonly string[];
  /**
   * When set, the only repository files (besides those matching `from`)
   * that the rule's files may depend on. Packages are not governed by it.
   */
  readonly only?: readonly string[];
  /** Overrides the project's `type_imports` for this rule. */
  readonly type_imports?: TypeImports;
  /** Why, shown as the fix hint. */
  readonly reason: string;
}

/** `count`: `import type` is a dependency like any other; `exempt`: it is ignored. */
export type TypeImports = "count" | "exempt";

/** A rule's severity as `rules:` sets it: `error` fails the run, `warn` is reported without failing, `off` is not checked. */
export type SeveritySetting = "error" | "warn" | "off";

/** The data of `contracts/project.yaml`, with defaults applied. */
export interface ProjectData {
  /** The size limits on the files a run reads (see `limits.ts`). */
  readonly limits: Limits;
  /** tsconfig used to resolve specifiers (paths aliases), relative to the root. */
  readonly tsconfig: string;
  readonly scan: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  /** `count`: `import type` is a dependency like any other; `exempt`: it is ignored. */
  readonly type_imports: TypeImports;
  /** Globs of files that must each have a contract. */
  readonly coverage: readonly string[];
  readonly layers: readonly LayerRule[];
  /** Severities by rule id (rules it does not name keep their default). */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** The baseline file of known violations, relative to the root (none when absent). */
  readonly baseline?: string;
}
