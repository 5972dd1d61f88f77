/**
 * Rule `layer-boundary`: the layer rules of `contracts/project.yaml` (for
 * example "tools/ never imports spine/drivers/").
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineDependencyRule, targetOf } from "./rule.js";

/** The rule `layer-boundary`. */
export const layerBoundary = defineDependencyRule({
  id: "layer-boundary",
  summary: "A file matching a layer rule's `from` globs depends on a file matching its `forbidden` globs (assets and files outside the scan included).",
  help: "Depend on a lower layer instead (the layer rule's reason says why), or change the layer rule in contracts/project.yaml.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, dependency }, { layer }) {
    const target = targetOf(dependency);
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `layer rule "${layer.name}": ${file} may not depend on ${target}`,
      contract: PROJECT_FILE,
      fix: layer.reason,
      target,
    };
  },
});
