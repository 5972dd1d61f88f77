/**
 * Builds dependency-cruiser's configuration from the same contracts the
 * ts-morph engine reads: one `forbidden` rule per contract boundary and per
 * layer rule (globs converted to regular expressions), plus `no-circular`
 * and `not-to-unresolvable`; with each rule's origin, so that its findings
 * map back to the registry's rules and explanations.
 *
 * Scope: dependency-cruiser starts from the scanned files and follows no
 * file outside the scan (`doNotFollow`), but every dependency of a scanned
 * file is kept, whatever it leads to (a file outside the scan, an asset,
 * `package.json`), so layer rules apply to those targets as in the ts-morph
 * engine.
 */
import { relative } from "node:path";
import type { IConfiguration, IForbiddenRuleType } from "dependency-cruiser";
import type { TsconfigChain } from "../../analyse/tsconfig/chain.js";
import type { LoadedContract } from "../../contracts/contracts.js";
import { globsToRegExpSources, globToRegExpSource } from "../../contracts/glob.js";
import type { ProjectData } from "../../contracts/types.js";
import type { Configuration } from "../../repository/configuration.js";
import type { Breach } from "../../verdicts/types.js";

/** What the configuration is built from. */
export interface DepcruiseInput {
  readonly root: string;
  readonly project: ProjectData;
  readonly contracts: readonly LoadedContract[];
  readonly tsconfig: TsconfigChain;
  /** Contracted files that exist but are not scanned: cruised all the same. */
  readonly extraSources?: readonly string[];
}

/** The input of {@link buildDepcruiseConfig} for a loaded configuration. */
export function depcruiseInput(configuration: Configuration): DepcruiseInput {
  const { root, project, contracts, tsconfig, tree, files } = configuration;
  const scanned = new Set(tree.sources);
  return { root, project: project.data, contracts, tsconfig, extraSources: files.filter((file) => !scanned.has(file)) };
}

/** A dependency-cruiser configuration and the breach each of its rules stands for, by rule name. */
export interface DepcruiseConfiguration {
  readonly config: IConfiguration;
  readonly origins: ReadonlyMap<string, Breach>;
}

/** A name usable in a dependency-cruiser rule: lowercase letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A tsconfig `paths` pattern (`@app/*`) as an anchored regular expression source. */
function aliasPattern(pattern: string): string {
  return `^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`;
}

/** One anchored source matching any of `sources` (each anchored itself). */
function anyOf(sources: readonly string[]): string {
  return sources.map((source) => `(?:${source})`).join("|");
}

/** The forbidden rules and their origins. */
function forbiddenRules(input: DepcruiseInput): { rules: IForbiddenRuleType[]; origins: Map<string, Breach> } {
  const typeExempt = input.project.type_imports === "exempt";
  const toExtra = typeExempt ? { dependencyTypesNot: ["type-only" as const] } : {};
  const rules: IForbiddenRuleType[] = [];
  const origins = new Map<string, Breach>();
  const add = (rule: IForbiddenRuleType, origin: Breach): void => {
    rules.push(rule);
    origins.set(rule.name as string, origin);
  };
  for (const contract of input.contracts) {
    const file = contract.data.placement.file;
    const fileRegex = globToRegExpSource(file);
    const allowed = globsToRegExpSources(contract.data.boundary.allowed_inbound);
    const denied = globsToRegExpSources(contract.data.boundary.forbidden_inbound);
    add(
      {
        name: `inbound-boundary-${slug(file)}`,
        comment: `${contract.contractFile}: only allowed_inbound may depend on ${file}`,
        severity: "error",
        from: { pathNot: [...(allowed ?? []), fileRegex] },
        to: { path: fileRegex, ...toExtra },
      },
      { rule: "inbound-boundary", contract, standing: "not-allowed" },
    );
    if (denied !== undefined) {
      add(
        {
          name: `forbidden-inbound-${slug(file)}`,
          comment: `${contract.contractFile}: forbidden_inbound may not depend on ${file}`,
          severity: "error",
          from: { path: denied },
          to: { path: fileRegex, ...toExtra },
        },
        { rule: "inbound-boundary", contract, standing: "forbidden" },
      );
    }
  }
  for (const layer of input.project.layers) {
    const from = globsToRegExpSources(layer.from);
    const to = globsToRegExpSources(layer.forbidden);
    if (from === undefined || to === undefined) continue;
    add(
      { name: `layer-boundary-${layer.name}`, comment: `contracts/project.yaml: ${layer.reason}`, severity: "error", from: { path: from }, to: { path: to, ...toExtra } },
      { rule: "layer-boundary", layer },
    );
  }
  add(
    { name: "no-circular", comment: "Circular dependencies make layering meaningless.", severity: "error", from: {}, to: { circular: true, ...toExtra } },
    { rule: "no-circular", cycle: [] },
  );
  add(
    {
      name: "not-to-unresolvable",
      comment: "A relative, #imports or tsconfig paths specifier that leads nowhere cannot be checked.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: ["^\\.{1,2}(/|$)", "^/", "^#", ...input.tsconfig.pathPatterns.map(aliasPattern)], ...toExtra },
    },
    { rule: "unresolvable-import" },
  );
  return { rules, origins };
}

/** Builds the configuration (see the module's comment for its scope). */
export function buildDepcruiseConfig(input: DepcruiseInput): DepcruiseConfiguration {
  const { project } = input;
  const { rules, origins } = forbiddenRules(input);
  const scanned = [...(globsToRegExpSources(project.scan.include) ?? []), ...(input.extraSources ?? []).map(globToRegExpSource)];
  const outsideScan = scanned.length === 0 ? ".*" : `^(?!${anyOf(scanned)})`;
  const tsconfig = input.tsconfig.resolution;
  return {
    config: {
      forbidden: rules,
      options: {
        doNotFollow: { path: [outsideScan, ...(globsToRegExpSources(project.scan.exclude) ?? [])] },
        exclude: { path: "(^|/)node_modules/" },
        tsPreCompilationDeps: project.type_imports !== "exempt",
        ...(tsconfig === undefined ? {} : { tsConfig: { fileName: relative(input.root, tsconfig).split("\\").join("/") } }),
        combinedDependencies: false,
        moduleSystems: ["es6", "cjs", "tsd"],
        enhancedResolveOptions: {
          exportsFields: ["exports"],
          conditionNames: ["import", "require", "node", "default", "types"],
          mainFields: ["module", "main", "types", "typings"],
        },
        skipAnalysisNotInRules: true,
      },
    },
    origins,
  };
}
