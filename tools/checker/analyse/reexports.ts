/**
 * Traces re-export chains through the graph: which module a name imported
 * from a barrel is really declared in. Only syntax is used, so a chain is
 * found through `export … from`, `export *`, `export * as ns` and
 * `import { a } …; export { a }`.
 */
import type { RepoGraph } from "./graph.js";

/**
 * Follows re-export chains to see whether the name `name` of module `from`
 * comes from one of the `targets` (`*` asks for any name of the module).
 * Returns the chain of repository-relative paths from `from` to the target,
 * or `undefined` when the name does not come from a target.
 */
export function traceToTargets(
  graph: RepoGraph,
  from: string,
  name: string,
  targets: ReadonlySet<string>,
): readonly string[] | undefined {
  const visiting = new Set<string>();
  const walk = (path: string, wanted: string): readonly string[] | undefined => {
    if (targets.has(path)) return [path];
    const key = `${path}\u0000${wanted}`;
    if (visiting.has(key)) return undefined;
    visiting.add(key);
    const file = graph.files.get(path);
    if (!file) return undefined;
    for (const re of file.reExports) {
      if (re.target.kind !== "internal") continue;
      let next: string | undefined;
      if (wanted === "*") next = re.imported;
      else if (re.exported === wanted) next = re.imported;
      else if (re.exported === "*" && wanted !== "default") next = wanted;
      if (next === undefined) continue;
      const rest = walk(re.target.path, next);
      if (rest) return [path, ...rest];
    }
    return undefined;
  };
  return walk(from, name);
}
