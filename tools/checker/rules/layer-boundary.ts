/**
 * Rule `layer-boundary`: the layer rules of `contracts/project.yaml` (for
 * example "tools/ never imports spine/drivers/").
 */
import { matcher } from "../contracts/glob.js";
import { PROJECT_FILE } from "../contracts/load.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Checks every dependency of every scanned file against the layer rules. */
export function checkLayerBoundaries(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  for (const layer of ctx.project.layers) {
    const from = matcher(layer.from);
    const forbidden = matcher(layer.forbidden);
    for (const file of ctx.graph.files.values()) {
      if (!from(file.path)) continue;
      for (const dependency of file.dependencies) {
        if (dependency.target.kind !== "internal" || !forbidden(dependency.target.path)) continue;
        if (dependency.typeOnly && ctx.project.type_imports === "exempt") continue;
        violations.push({
          ruleId: "layer-boundary",
          file: file.path,
          line: dependency.line,
          column: dependency.column,
          message: `layer rule "${layer.name}": ${file.path} may not depend on ${dependency.target.path}`,
          contract: PROJECT_FILE,
          fix: layer.reason,
        });
      }
    }
  }
  return { violations };
}
