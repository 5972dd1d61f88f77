/**
 * The actual outbound imports of a module, in the shape of a contract's
 * `actual_imports` section.
 */
import type { ActualImportsSection } from "../contracts/types.js";
import type { GraphFile } from "./graph.js";

/** Lists a module's imports: repository files by path and packages by name, sorted, without duplicates. */
export function actualImports(file: GraphFile): ActualImportsSection {
  const internal = new Set<string>();
  const external = new Set<string>();
  for (const dependency of file.dependencies) {
    const target = dependency.target;
    if (target.kind === "internal") internal.add(target.path);
    else if (target.kind === "external") external.add(target.packageName);
    else internal.add(dependency.specifier);
  }
  return { internal: [...internal].sort(), external: [...external].sort() };
}
