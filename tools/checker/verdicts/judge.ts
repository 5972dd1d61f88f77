/**
 * Judges every dependency of the scanned files once: the contracts'
 * boundaries, the layer rules, re-export laundering, cycles and unresolvable
 * specifiers. `type_imports` (the project's, and a layer rule's own) is
 * decided here and nowhere else. A rule that is off is not judged (no cycle
 * is searched when `no-circular` is off). Verdicts are computed per file on
 * first request, so judging one file does not judge the repository.
 */
import type { GraphFile, RepoGraph } from "../analyse/graph.js";
import type { LoadedContract } from "../contracts/contracts.js";
import type { ProjectData } from "../contracts/types.js";
import { type InboundStanding, inboundJudge } from "./boundary.js";
import { type Cycles, findCycles } from "./cycles.js";
import { layerJudge } from "./layers.js";
import { reexportingFiles, traceToTargets } from "./reexports.js";
import type { Breach, BreachRule, JudgedDependency } from "./types.js";

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
  /** Whether a rule is judged at all (default: every rule); a rule that is off costs nothing. */
  readonly enabled?: (rule: BreachRule) => boolean;
}

/**
 * Verdicts to carry over to a judgement of the same repository (same
 * project, contracts and enabled rules) after some files changed, each of
 * which depends on, re-exports and declares what it did (`sameShape` of
 * `graph.ts`): the verdicts of every other file, the cycles and the
 * re-exporting files stay as they were; only the changed files are judged.
 */
export interface CarriedVerdicts {
  readonly previous: DependencyVerdicts;
  /** The changed files (repository-relative). */
  readonly changed: ReadonlySet<string>;
}

/** What a judgement computed so far, for {@link CarriedVerdicts}. */
interface JudgeState {
  readonly judged: ReadonlyMap<string, readonly JudgedDependency[]>;
  cycles(): Cycles | undefined;
  launderers(): Set<string> | undefined;
}

/** The state of each judgement {@link judgeDependencies} made. */
const STATES = new WeakMap<DependencyVerdicts, JudgeState>();

/** A contract with its boundary judge. */
interface Guarded {
  readonly contract: LoadedContract;
  readonly judge: (file: string) => InboundStanding;
}

/**
 * Judges the dependencies of `input.graph`.
 * @param carried - verdicts of a previous judgement to keep (see {@link CarriedVerdicts}).
 */
export function judgeDependencies(input: VerdictInput, carried?: CarriedVerdicts): DependencyVerdicts {
  const previous = carried === undefined ? undefined : STATES.get(carried.previous);
  const { project, graph } = input;
  const enabled = input.enabled ?? (() => true);
  const exemptTypes = project.type_imports === "exempt";
  const guarded = new Map<string, Guarded>(input.contracts.map((contract) => [contract.data.placement.file, { contract, judge: inboundJudge(contract) }]));
  const contracted = new Set(guarded.keys());
  const layers = enabled("layer-boundary") ? project.layers.map((layer) => layerJudge(layer, project.type_imports)) : [];
  const counts = (dependency: { readonly typeOnly: boolean }): boolean => !(exemptTypes && dependency.typeOnly);
  let launderers = previous?.launderers();
  let cycles = previous?.cycles();
  const cyclesOf = (): Cycles =>
    (cycles ??= findCycles(graph.files.keys(), (path) =>
      (graph.files.get(path)?.dependencies ?? []).flatMap((d) => (counts(d) && d.target.kind === "internal" && graph.files.has(d.target.path) ? [d.target.path] : [])),
    ));

  const laundering = (file: GraphFile, target: string, names: readonly string[]): Breach | undefined => {
    if (!enabled("reexport-laundering")) return undefined;
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
    const applying = layers.filter((layer) => layer.governs(file.path));
    return file.dependencies.map((dependency) => {
      const target = dependency.target;
      const breaches: Breach[] = [];
      for (const layer of applying) {
        if (dependency.typeOnly && layer.typeImports === "exempt") continue;
        const standing = layer.standing(target);
        if (standing !== undefined) breaches.push({ rule: "layer-boundary", layer: layer.layer, standing });
      }
      if (!counts(dependency)) return { file, dependency, exempt: true, breaches };
      if (target.kind === "unresolved" && enabled("unresolvable-import")) breaches.unshift({ rule: "unresolvable-import" });
      if (target.kind === "internal") {
        const owner = guarded.get(target.path);
        const standing = owner === undefined || target.path === file.path ? "allowed" : owner.judge(file.path);
        if (owner !== undefined && standing !== "allowed" && enabled("inbound-boundary")) {
          breaches.unshift({ rule: "inbound-boundary", contract: owner.contract, standing });
        }
        const laundered = laundering(file, target.path, dependency.names);
        if (laundered !== undefined) breaches.push(laundered);
        if (enabled("no-circular") && graph.files.has(target.path) && cyclesOf().isCircular(file.path, target.path)) {
          breaches.push({ rule: "no-circular", cycle: cyclesOf().pathBack(file.path, target.path) });
        }
      }
      return { file, dependency, exempt: false, breaches };
    });
  };

  const judged = new Map<string, readonly JudgedDependency[]>();
  if (previous !== undefined && carried !== undefined) for (const [path, verdicts] of previous.judged) if (!carried.changed.has(path)) judged.set(path, verdicts);
  const judgement: DependencyVerdicts = {
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
  STATES.set(judgement, { judged, cycles: () => cycles, launderers: () => launderers });
  return judgement;
}
