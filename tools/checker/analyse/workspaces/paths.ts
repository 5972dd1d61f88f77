/**
 * Adds module aliases (the workspace packages' sources) to compiler
 * options as tsconfig `paths`, below the project's own: a pattern the
 * project's tsconfig sets keeps its targets.
 */
import type { ts } from "ts-morph";
import type { ModuleAlias } from "./workspaces.js";

/** The compiler options with `aliases` added to `paths`. */
export function withAliases(options: ts.CompilerOptions, aliases: readonly ModuleAlias[], root: string): ts.CompilerOptions {
  if (aliases.length === 0) return options;
  const paths: Record<string, string[]> = {};
  for (const alias of aliases) paths[alias.pattern] = [...alias.targets];
  const base = options.baseUrl === undefined && (options as { pathsBasePath?: unknown }).pathsBasePath === undefined ? { pathsBasePath: root } : {};
  return { ...options, ...base, paths: { ...paths, ...(options.paths ?? {}) } };
}
