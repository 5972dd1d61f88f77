/**
 * The facts of one source file, read from its syntax alone: what it depends
 * on, what it re-exports, what it declares and exports itself, and which
 * `import()`/`require()` calls cannot be followed.
 */

/** The syntactic form of a dependency. */
export type DependencyForm = "import" | "export-from" | "import-equals" | "dynamic-import" | "require" | "import-type";

/** One dependency of a file, as written. */
export interface Dependency {
  readonly form: DependencyForm;
  readonly specifier: string;
  /** True for `import type`, `export type … from`, and `import("…")` in a type. */
  readonly typeOnly: boolean;
  /**
   * The names taken from the target: export names, `default`, or `*` for the
   * whole module (namespace import, `import()`, `require()`). Empty for a
   * side-effect import.
   */
  readonly names: readonly string[];
  readonly line: number;
  readonly column: number;
}

/** An `import()` or `require()` whose argument is not statically known. */
export interface UnanalysableImport {
  readonly form: "dynamic-import" | "require";
  /** The argument's source text. */
  readonly argument: string;
  readonly line: number;
  readonly column: number;
}

/** A name this file re-exports from another module. */
export interface ReExport {
  /** The name under which this file exports it (`*` for `export * from`). */
  readonly exported: string;
  readonly specifier: string;
  /** The name in the source module: an export name, `default`, or `*` for the whole module. */
  readonly imported: string;
}

/** A `// spine-check-ignore …` comment (see `suppressions.ts`). */
export interface SuppressionComment {
  readonly line: number;
  readonly column: number;
  /** The comment's text after `//`, trimmed (it starts with `spine-check-ignore`). */
  readonly text: string;
  /** True when only white space precedes it on its line (it then covers the next line); false at the end of a line of code (it covers that line). */
  readonly ownLine: boolean;
}

/** The suppression comments of one file. */
export interface FileSuppressions {
  /** Repository-relative path. */
  readonly file: string;
  readonly comments: readonly SuppressionComment[];
}

/** What one file depends on, re-exports and declares, and its suppression comments. */
export interface FileFacts {
  readonly dependencies: readonly Dependency[];
  readonly unanalysable: readonly UnanalysableImport[];
  readonly reExports: readonly ReExport[];
  /** The names the file exports from its own declarations (`default` included), sorted. */
  readonly declared: readonly string[];
  readonly suppressions: readonly SuppressionComment[];
  /** Set when the file was scanned for imports without a syntax tree (see `lexical.ts`): why. */
  readonly lexical?: string;
}
