/**
 * Traces re-export chains through the graph: which module a name imported
 * from a barrel is really declared in. Only syntax is used, so a chain is
 * found through `export … from`, `export *`, `export * as ns` and
 * `import { a } …; export { a }`. A module at the end of a chain counts only
 * when it declares the name itself: `export *` is followed into every module
 * it names, and a contracted module that does not declare the name is not
 * blamed for it.
 */
import type { RepoGraph } from "../analyse/graph.js";

/**
 * Follows re-export chains to see whether the name `name` of module `from`
 * is declared in one of the `targets` (`*` asks for the whole module: any
 * name a target exports through the chain).
 * @returns the chain of repository-relative paths from `from` to the target, or `undefined` when the name comes from no target.
 */
export function traceToTargets(graph: RepoGraph, from: string, name: string, targets: ReadonlySet<string>): readonly string[] | undefined {
  const visiting = new Set<string>();
  const walk = (path: string, wanted: string): readonly string[] | undefined => {
    const file = graph.files.get(path);
    if (targets.has(path) && (wanted === "*" || file === undefined || file.declared.includes(wanted))) return [path];
    const key = `${path}\u0000${wanted}`;
    // A name the module declares itself shadows every `export *`.
    if (visiting.has(key) || !file || (wanted !== "*" && file.declared.includes(wanted))) return undefined;
    visiting.add(key);
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

/** Files from which some target can be reached through re-exports alone (the targets included). */
export function reexportingFiles(graph: RepoGraph, targets: ReadonlySet<string>): Set<string> {
  const tainted = new Set<string>(targets);
  let grew = true;
  while (grew) {
    grew = false;
    for (const file of graph.files.values()) {
      if (tainted.has(file.path)) continue;
      if (file.reExports.some((re) => re.target.kind === "internal" && tainted.has(re.target.path))) {
        tainted.add(file.path);
        grew = true;
      }
    }
  }
  return tainted;
}
