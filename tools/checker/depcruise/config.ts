/**
 * Builds dependency-cruiser's configuration from the same YAML contracts the
 * ts-morph checker reads: one `forbidden` rule per contract boundary and per
 * layer rule (globs converted to regular expressions), plus `no-circular` and
 * `not-to-unresolvable`.
 */
import type { IConfiguration, IForbiddenRuleType } from "dependency-cruiser";
import { globsToRegExpSources, globToRegExpSource } from "../contracts/glob.js";
import { CONTRACTS_DIR, loadContracts, loadProject } from "../contracts/load.js";
import { assertNotEmpty } from "../guards.js";

/** A name usable in a dependency-cruiser rule: lowercase letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * Reads `contracts/` of the repository at `root` and returns the
 * dependency-cruiser configuration (rules and options).
 * @throws {CheckerConfigError} for an invalid contract, or when there is no contract (the rules would forbid nothing).
 */
export function buildDepcruiseConfig(root: string): IConfiguration {
  const project = loadProject(root).data;
  const contracts = loadContracts(root);
  assertNotEmpty("contracts", contracts.length, `Write at least one ${CONTRACTS_DIR}/**/*.contract.yaml.`);
  const typeExempt = project.type_imports === "exempt";
  const toExtra = typeExempt ? { dependencyTypesNot: ["type-only" as const] } : {};
  const forbidden: IForbiddenRuleType[] = [];

  for (const contract of contracts) {
    const file = contract.data.placement.file;
    const fileRegex = globToRegExpSource(file);
    const allowed = globsToRegExpSources(contract.data.boundary.allowed_inbound);
    const denied = globsToRegExpSources(contract.data.boundary.forbidden_inbound);
    forbidden.push({
      name: `inbound-boundary-${slug(file)}`,
      comment: `${contract.contractFile}: only allowed_inbound may depend on ${file}`,
      severity: "error",
      from: { pathNot: [...(allowed ?? []), fileRegex] },
      to: { path: fileRegex, ...toExtra },
    });
    if (denied !== undefined) {
      forbidden.push({
        name: `forbidden-inbound-${slug(file)}`,
        comment: `${contract.contractFile}: forbidden_inbound may not depend on ${file}`,
        severity: "error",
        from: { path: denied },
        to: { path: fileRegex, ...toExtra },
      });
    }
  }
  for (const layer of project.layers) {
    const from = globsToRegExpSources(layer.from);
    const to = globsToRegExpSources(layer.forbidden);
    if (from === undefined || to === undefined) continue;
    forbidden.push({
      name: `layer-boundary-${layer.name}`,
      comment: `contracts/project.yaml: ${layer.reason}`,
      severity: "error",
      from: { path: from },
      to: { path: to, ...toExtra },
    });
  }
  forbidden.push(
    {
      name: "no-circular",
      comment: "Circular dependencies make layering meaningless.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "A dependency that cannot be resolved cannot be checked.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  );

  const exclude = globsToRegExpSources(project.scan.exclude);
  return {
    forbidden,
    options: {
      doNotFollow: { path: "(^|/)node_modules/" },
      ...(exclude === undefined ? {} : { exclude: { path: exclude } }),
      includeOnly: { path: globsToRegExpSources(project.scan.include) ?? [".*"] },
      tsPreCompilationDeps: !typeExempt,
      tsConfig: { fileName: project.tsconfig },
      combinedDependencies: false,
      moduleSystems: ["es6", "cjs", "tsd"],
      enhancedResolveOptions: {
        exportsFields: ["exports"],
        conditionNames: ["import", "require", "node", "default", "types"],
        mainFields: ["module", "main", "types", "typings"],
      },
      skipAnalysisNotInRules: true,
    },
  };
}
