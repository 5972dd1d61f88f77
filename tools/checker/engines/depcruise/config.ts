/**
 * Builds dependency-cruiser's configuration from the same contracts the
 * ts-morph engine reads: one `forbidden` rule per contract boundary, the
 * rules of each layer rule (`layer-rules.ts`; globs converted to regular
 * expressions), plus `no-circular` and `not-to-unresolvable`; with each
 * rule's origin, so that its findings map back to the registry's rules and
 * explanations. A rule that is off in `contracts/project.yaml` is left out,
 * a rule at `warn` has dependency-cruiser's severity `warn`. The workspace
 * packages resolve to their sources through enhanced-resolve aliases, the
 * same ones the ts-morph engine adds to `paths`.
 *
 * Scope: dependency-cruiser starts from the scanned files and follows no
 * file outside the scan (`doNotFollow`), but every dependency of a scanned
 * file is kept, whatever it leads to (a file outside the scan, an asset,
 * `package.json`, and a package when a layer rule names packages), so layer
 * rules apply to those targets as in the ts-morph engine.
 */
import type { IConfiguration, IForbiddenRuleType, IRegularForbiddenRuleType } from "dependency-cruiser";
import type { TsconfigChain } from "../../analyse/tsconfig/chain.js";
import { NO_WORKSPACES, type Workspaces } from "../../analyse/workspaces/workspaces.js";
import type { LoadedContract } from "../../contracts/contracts.js";
import { globsToRegExpSources, globToRegExpSource } from "../../contracts/glob.js";
import type { ProjectData } from "../../contracts/types.js";
import { DEFAULT_SEVERITIES, type Severities } from "../../policy/severities.js";
import type { Configuration } from "../../repository/configuration.js";
import type { RuleId } from "../../rules/registry.js";
import type { Breach } from "../../verdicts/types.js";
import { layerRules } from "./layer-rules.js";
import { NODE_MODULES } from "./packages.js";
import { relativePosix } from "../../files/posix.js";

/** What the configuration is built from. */
export interface DepcruiseInput {
  readonly root: string;
  readonly project: ProjectData;
  readonly contracts: readonly LoadedContract[];
  readonly tsconfig: TsconfigChain;
  /** Contracted files that exist but are not scanned: cruised all the same. */
  readonly extraSources?: readonly string[];
  /** The rules' severities (default: every rule at its default). */
  readonly severities?: Severities;
  /** The workspace packages (default: none). */
  readonly workspaces?: Workspaces;
}

/** The input of {@link buildDepcruiseConfig} for a loaded configuration. */
export function depcruiseInput(configuration: Configuration): DepcruiseInput {
  const { root, project, contracts, tsconfig, tree, files, severities, workspaces } = configuration;
  const scanned = new Set(tree.sources);
  return { root, project: project.data, contracts, tsconfig, extraSources: files.filter((file) => !scanned.has(file)), severities, workspaces };
}

/** One enhanced-resolve alias (an exact name when `onlyModule`). */
export interface ResolveAlias {
  readonly name: string;
  readonly alias: string[];
  readonly onlyModule?: boolean;
}

/** A dependency-cruiser configuration, the breach each of its rules stands for (by rule name), and the resolver's aliases. */
export interface DepcruiseConfiguration {
  readonly config: IConfiguration;
  readonly origins: ReadonlyMap<string, Breach>;
  /** The workspace packages' aliases, for enhanced-resolve (`cruise`'s resolve options). */
  readonly aliases: readonly ResolveAlias[];
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
  const severities = input.severities ?? DEFAULT_SEVERITIES;
  const typeExempt = input.project.type_imports === "exempt";
  const toExtra = typeExempt ? { dependencyTypesNot: ["type-only" as const] } : {};
  const rules: IForbiddenRuleType[] = [];
  const origins = new Map<string, Breach>();
  const add = (rule: Omit<IRegularForbiddenRuleType, "severity">, origin: Breach): void => {
    const setting = severities.of(origin.rule as RuleId);
    if (setting === "off") return;
    rules.push({ ...rule, severity: setting });
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
          from: { path: denied },
          to: { path: fileRegex, ...toExtra },
        },
        { rule: "inbound-boundary", contract, standing: "forbidden" },
      );
    }
  }
  const aliasPatterns = input.tsconfig.pathPatterns.map(aliasPattern);
  const layerSeverity = severities.of("layer-boundary") === "warn" ? "warn" : "error";
  for (const layer of input.project.layers) {
    if (layer.from.length === 0) continue;
    const typeImports = layer.type_imports ?? input.project.type_imports;
    for (const { rule, standing } of layerRules(layer, { typeImports, severity: layerSeverity, aliasPatterns })) {
      add(rule, { rule: "layer-boundary", layer, standing });
    }
  }
  add({ name: "no-circular", comment: "Circular dependencies make layering meaningless.", from: {}, to: { circular: true, ...toExtra } }, { rule: "no-circular", cycle: [] });
  add(
    {
      name: "not-to-unresolvable",
      comment: "A relative, #imports or tsconfig paths specifier that leads nowhere cannot be checked.",
      from: {},
      to: { couldNotResolve: true, path: ["^\\.{1,2}(/|$)", "^/", "^#", ...aliasPatterns], ...toExtra },
    },
    { rule: "unresolvable-import" },
  );
  return { rules, origins };
}

/** True when some layer rule has `forbidden` globs (they name packages' modules too): dependencies on installed packages must then be kept. */
function namesPackages(project: ProjectData): boolean {
  return project.layers.some((layer) => layer.forbidden.length > 0);
}

/** The workspace aliases as enhanced-resolve takes them. */
function resolveAliases(workspaces: Workspaces): ResolveAlias[] {
  return workspaces.aliases.map(({ pattern, targets }) =>
    pattern.includes("*") ? { name: pattern, alias: [...targets] } : { name: pattern, alias: [...targets], onlyModule: true },
  );
}

/** Builds the configuration (see the module's comment for its scope). */
export function buildDepcruiseConfig(input: DepcruiseInput): DepcruiseConfiguration {
  const { project } = input;
  const { rules, origins } = forbiddenRules(input);
  const scanned = [...(globsToRegExpSources(project.scan.include) ?? []), ...(input.extraSources ?? []).map(globToRegExpSource)];
  const outsideScan = scanned.length === 0 ? ".*" : `^(?!${anyOf(scanned)})`;
  const tsconfig = input.tsconfig.resolution;
  const keepPackages = namesPackages(project);
  const countsTypes = project.type_imports !== "exempt" || project.layers.some((layer) => layer.type_imports === "count");
  return {
    config: {
      forbidden: rules,
      options: {
        doNotFollow: { path: [outsideScan, ...(globsToRegExpSources(project.scan.exclude) ?? []), ...(keepPackages ? [NODE_MODULES] : [])] },
        ...(keepPackages ? {} : { exclude: { path: NODE_MODULES } }),
        tsPreCompilationDeps: countsTypes,
        ...(tsconfig === undefined ? {} : { tsConfig: { fileName: relativePosix(input.root, tsconfig) } }),
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
    aliases: resolveAliases(input.workspaces ?? NO_WORKSPACES),
  };
}
