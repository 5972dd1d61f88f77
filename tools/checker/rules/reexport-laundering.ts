/**
 * Rule `reexport-laundering`: a file outside a contract's allow-list may not
 * reach a symbol declared in the contracted module through a barrel or a chain
 * of re-exports. The message names the chain.
 */
import { traceToTargets } from "../analyse/reexports.js";
import type { RepoGraph } from "../analyse/graph.js";
import type { LoadedContract } from "../contracts/load.js";
import { type InboundVerdict, inboundJudge } from "./boundary-match.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Files from which some target can be reached through re-exports alone. */
function launderingFiles(graph: RepoGraph, targets: ReadonlySet<string>): Set<string> {
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

/** Checks every import of a barrel that leads to a contracted module. */
export function checkReexportLaundering(ctx: RuleContext): RuleOutcome {
  const byFile = new Map<string, { contract: LoadedContract; judge: (file: string) => InboundVerdict }>();
  for (const contract of ctx.contracts) {
    byFile.set(contract.data.placement.file, { contract, judge: inboundJudge(contract) });
  }
  const targets = new Set(byFile.keys());
  const tainted = launderingFiles(ctx.graph, targets);
  const violations: Violation[] = [];
  for (const file of ctx.graph.files.values()) {
    for (const dependency of file.dependencies) {
      const target = dependency.target;
      if (target.kind !== "internal" || targets.has(target.path) || !tainted.has(target.path)) continue;
      if (dependency.typeOnly && ctx.project.type_imports === "exempt") continue;
      for (const name of dependency.names) {
        const chain = traceToTargets(ctx.graph, target.path, name, targets);
        const end = chain?.[chain.length - 1];
        const owner = end === undefined ? undefined : byFile.get(end);
        if (!chain || !owner || owner.judge(file.path) === "allowed") continue;
        const what = name === "*" ? "the whole module" : `"${name}"`;
        violations.push({
          ruleId: "reexport-laundering",
          file: file.path,
          line: dependency.line,
          column: dependency.column,
          message: `${file.path} reaches ${end} through re-exports (${what}): ${[file.path, ...chain].join(" -> ")}`,
          contract: owner.contract.contractFile,
          fix: `Do not use ${end} from here; go through an allowed layer (${owner.contract.data.boundary.allowed_inbound.join(", ") || "none"}).`,
        });
        break;
      }
    }
  }
  return { violations };
}
