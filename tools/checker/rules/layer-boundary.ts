/**
 * Rule `layer-boundary`: the layer rules of `contracts/project.yaml` (for
 * example "tools/ never imports spine/drivers/", or "src/cli/ uses only
 * src/main/").
 */
import { PROJECT_FILE } from "../contracts/paths.js";
import { defineDependencyRule, targetOf } from "./rule.js";

/** The rule `layer-boundary`. */
export const layerBoundary = defineDependencyRule({
  id: "layer-boundary",
  summary:
    "A file a layer rule governs (`from` but not `except`) depends on what its `forbidden` globs match (a file or a package; `allow` exempts), or on a repository file outside its `only` globs.",
  help: "Depend on a lower layer instead (the layer rule's reason says why), or change the layer rule in contracts/project.yaml.",
  engines: ["ts-morph", "depcruise"],
  explain({ file, dependency }, { layer, standing }) {
    const target = targetOf(dependency);
    const why = standing === "forbidden" ? `may not depend on ${target}` : `may depend only on ${[...(layer.only ?? []), ...layer.from].join(", ")}, not on ${target}`;
    return {
      file,
      line: dependency.line,
      column: dependency.column,
      message: `layer rule "${layer.name}": ${file} ${why}`,
      contract: PROJECT_FILE,
      fix: layer.reason,
      target,
    };
  },
});
