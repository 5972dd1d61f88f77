/**
 * Judges every dependency of the scanned files once: the contracts'
 * boundaries, the layer rules, re-export laundering, cycles and unresolvable
 * specifiers. `type_imports: exempt` is decided here and nowhere else.
 * Verdicts are computed per file on first request, so judging one file does
 * not judge the repository.
 */
import type { GraphFile, RepoGraph } from "../analyse/graph.js";
import type { LoadedContract } from "../contracts/contracts.js";
import { matcher } from "../contracts/glob.js";
import type { ProjectData } from "../contracts/types.js";
import { type InboundStanding, inboundJudge } from "./boundary.js";
import { type Cycles, findCycles } from "./cycles.js";
import { reexportingFiles, traceToTargets } from "./reexports.js";
import type { Breach, JudgedDependency } from "./types.js";

/** The verdicts of a repository's dependencies. */
export interface DependencyVerdicts {
  /** The judged dependencies of a scanned file, in source order (empty for a file that is not scanned). */
  of(path: string): readonly JudgedDependency[];
}

/** What {@link judgeDependencies} reads. */
export interface VerdictInput {
  readonly project: ProjectData;
  readonly contracts: readonly LoadedContract[];
  readonly graph: RepoGraph;
}

/** A contract with its boundary judge. */
interface Guarded {
  readonly contract: LoadedContract;
  readonly judge: (file: string) => InboundStanding;
}

/** Judges the dependencies of `input.graph`. */
export function judgeDependencies(input: VerdictInput): DependencyVerdicts {
  const { project, graph } = input;
  const exemptTypes = project.type_imports === "exempt";
  const guarded = new Map<string, Guarded>(input.contracts.map((contract) => [contract.data.placement.file, { contract, judge: inboundJudge(contract) }]));
  const contracted = new Set(guarded.keys());
  const layers = project.layers.map((layer) => ({ layer, from: matcher(layer.from), forbidden: matcher(layer.forbidden) }));
  const counts = (dependency: { readonly typeOnly: boolean }): boolean => !(exemptTypes && dependency.typeOnly);
  let launderers: Set<string> | undefined;
  let cycles: Cycles | undefined;
  const cyclesOf = (): Cycles =>
    (cycles ??= findCycles(graph.files.keys(), (path) =>
      (graph.files.get(path)?.dependencies ?? []).flatMap((d) => (counts(d) && d.target.kind === "internal" && graph.files.has(d.target.path) ? [d.target.path] : [])),
    ));

  const laundering = (file: GraphFile, target: string, names: readonly string[]): Breach | undefined => {
    launderers ??= reexportingFiles(graph, contracted);
    if (guarded.has(target) || !launderers.has(target)) return undefined;
    for (const name of names) {
      const chain = traceToTargets(graph, target, name, contracted);
      const owner = chain === undefined ? undefined : guarded.get(chain[chain.length - 1] as string);
      if (chain !== undefined && owner !== undefined && owner.judge(file.path) !== "allowed") {
        return { rule: "reexport-laundering", contract: owner.contract, name, chain };
      }
    }
    return undefined;
  };

  const judgeFile = (file: GraphFile): JudgedDependency[] => {
    const applying = layers.filter((layer) => layer.from(file.path));
    return file.dependencies.map((dependency) => {
      if (!counts(dependency)) return { file, dependency, exempt: true, breaches: [] };
      const target = dependency.target;
      const breaches: Breach[] = [];
      if (target.kind === "unresolved") breaches.push({ rule: "unresolvable-import" });
      if (target.kind === "internal") {
        const owner = guarded.get(target.path);
        const standing = owner === undefined || target.path === file.path ? "allowed" : owner.judge(file.path);
        if (owner !== undefined && standing !== "allowed") breaches.push({ rule: "inbound-boundary", contract: owner.contract, standing });
        for (const { layer, forbidden } of applying) if (forbidden(target.path)) breaches.push({ rule: "layer-boundary", layer });
        const laundered = laundering(file, target.path, dependency.names);
        if (laundered !== undefined) breaches.push(laundered);
        if (graph.files.has(target.path) && cyclesOf().isCircular(file.path, target.path)) {
          breaches.push({ rule: "no-circular", cycle: cyclesOf().pathBack(file.path, target.path) });
        }
      }
      return { file, dependency, exempt: false, breaches };
    });
  };

  const judged = new Map<string, readonly JudgedDependency[]>();
  return {
    of(path) {
      let verdicts = judged.get(path);
      if (verdicts === undefined) {
        const file = graph.files.get(path);
        verdicts = file === undefined ? [] : judgeFile(file);
        judged.set(path, verdicts);
      }
      return verdicts;
    },
  };
}
