/**
 * Translates the `forbidden` rules of a dependency-cruiser configuration
 * into layer rules and severities of `contracts/project.yaml`:
 *
 * - a path rule (`from.path`, `from.pathNot`, `to.path`, `to.pathNot`)
 *   becomes a layer rule (`from`, `except`, `forbidden`, `allow`; a rule
 *   with only `to.pathNot` forbids everything else: `forbidden: ["**"]`
 *   with `allow`), its regular expressions turned into globs
 *   (`regex-glob.ts`); a path into `node_modules/` becomes a package name,
 *   and `dependencyTypes: ["core"]` the `node:` built-ins;
 *   `dependencyTypesNot: ["type-only"]` becomes `type_imports: exempt`;
 * - `to.circular` sets `no-circular`, `to.couldNotResolve` sets
 *   `unresolvable-import` (with the rule's severity); `no-circular` is
 *   `off` when no rule asks for cycles, as dependency-cruiser does;
 * - everything else (orphans, reachability, dependency types, licenses,
 *   `via`, group references, `allowed` lists, rules at `info` or `ignore`)
 *   is listed as not translated, with the reason.
 */
import type { IConfiguration } from "dependency-cruiser";
import type { LayerRule, SeveritySetting } from "../../contracts/types.js";
import { regexToGlob } from "./regex-glob.js";

/** A rule that became a layer rule or a severity. */
export interface TranslatedRule {
  readonly rule: string;
  /** What it became: `layer NAME` or `rules: ID`. */
  readonly into: string;
  /** Where the glob only approximates the expression. */
  readonly approximations: readonly string[];
}

/** A rule (or part of the configuration) that was not translated. */
export interface UntranslatedRule {
  readonly rule: string;
  readonly reason: string;
}

/** The outcome of a translation. */
export interface Translation {
  readonly layers: readonly LayerRule[];
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly translated: readonly TranslatedRule[];
  readonly notTranslated: readonly UntranslatedRule[];
}

/** The parts of a dependency-cruiser rule the translation reads. */
interface RawRule {
  readonly name?: unknown;
  readonly comment?: unknown;
  readonly severity?: unknown;
  readonly from?: Record<string, unknown>;
  readonly to?: Record<string, unknown>;
  readonly module?: unknown;
}

/** Keys of `from` and `to` a layer rule can express. */
const FROM_KEYS = new Set(["path", "pathNot"]);
const TO_KEYS = new Set(["path", "pathNot", "dependencyTypes", "dependencyTypesNot", "circular", "couldNotResolve"]);

/** A translation failure of one rule. */
class NotTranslatable extends Error {}

function regexList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item): item is string => typeof item === "string")) throw new NotTranslatable(`${where} is not a regular expression or a list of them`);
  return list;
}

/** Translates a list of regular expressions into globs, collecting approximations. */
function globs(value: unknown, where: string, approximations: string[]): string[] {
  return regexList(value, where).map((source) => {
    if (/\$\d/.test(source)) throw new NotTranslatable(`${where} "${source}" refers to a group of from.path, which globs cannot`);
    const translated = regexToGlob(source);
    if ("reason" in translated) throw new NotTranslatable(`${where} "${source}": ${translated.reason}`);
    approximations.push(...translated.approximations.map((text) => `${where} "${source}": ${text}`));
    return translated.glob;
  });
}

/** A glob of a path into `node_modules/` as a package glob, or the glob itself. */
function packageGlob(glob: string, approximations: string[]): string {
  const match = /^(?:\*\*\/|\*\*)?node_modules\/(.*)$/.exec(glob);
  if (match === null) return glob;
  const rest = (match[1] as string).replace(/(\{\/\*\*,\}|\/\*\*|\*\*)$/, "");
  const segments = rest.split("/");
  const name = (rest.startsWith("@") ? segments.slice(0, 2) : segments.slice(0, 1)).join("/");
  approximations.push(`"${glob}" is read as the package name "${name}"`);
  return name === "" ? "**" : name;
}

/** A layer rule name from a dependency-cruiser rule name. */
function layerName(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "depcruise-rule";
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** The layer rule of a path rule. */
function layerOf(rule: RawRule, name: string, source: string, approximations: string[]): Omit<LayerRule, "name"> {
  const from = rule.from ?? {};
  const to = rule.to ?? {};
  for (const key of Object.keys(from)) if (!FROM_KEYS.has(key)) throw new NotTranslatable(`from.${key} has no spine-check equivalent`);
  for (const key of Object.keys(to)) if (!TO_KEYS.has(key)) throw new NotTranslatable(`to.${key} has no spine-check equivalent`);
  const typesNot = to.dependencyTypesNot === undefined ? [] : regexList(to.dependencyTypesNot, "to.dependencyTypesNot");
  if (typesNot.some((type) => type !== "type-only")) throw new NotTranslatable(`to.dependencyTypesNot ${JSON.stringify(typesNot)} has no spine-check equivalent (only "type-only" has: type_imports: exempt)`);
  const types = to.dependencyTypes === undefined ? undefined : regexList(to.dependencyTypes, "to.dependencyTypes");
  if (types !== undefined && (types.length !== 1 || types[0] !== "core")) {
    throw new NotTranslatable(`to.dependencyTypes ${JSON.stringify(types)} has no spine-check equivalent (spine-check does not read package.json dependency kinds)`);
  }
  const fromGlobs = from.path === undefined ? ["**"] : globs(from.path, "from.path", approximations);
  const except = globs(from.pathNot, "from.pathNot", approximations);
  let forbidden = to.path === undefined ? ["**"] : globs(to.path, "to.path", approximations).map((glob) => packageGlob(glob, approximations));
  const allow = globs(to.pathNot, "to.pathNot", approximations).map((glob) => packageGlob(glob, approximations));
  if (types !== undefined) {
    if (forbidden.some((glob) => glob.includes("/"))) throw new NotTranslatable("to.path names a part of a built-in module; spine-check names built-ins by module (node:fs)");
    forbidden = to.path === undefined ? ["node:*"] : forbidden.map((glob) => `node:${glob}`);
  }
  const comment = typeof rule.comment === "string" ? rule.comment.replace(/\s+/g, " ").trim() : "";
  return {
    from: fromGlobs,
    except,
    forbidden,
    allow,
    ...(typesNot.length > 0 ? { type_imports: "exempt" as const } : {}),
    reason: comment === "" ? `Translated from rule "${name}" of ${source}.` : comment,
  };
}

/** Translates the `forbidden` rules of a dependency-cruiser configuration (see the module's comment). */
export function translateDepcruise(config: IConfiguration, source: string): Translation {
  const layers: LayerRule[] = [];
  const rules: Record<string, SeveritySetting> = {};
  const translated: TranslatedRule[] = [];
  const notTranslated: UntranslatedRule[] = [];
  const names = new Set<string>();
  const warnLayers: string[] = [];
  let cycles = false;
  ((config.forbidden ?? []) as unknown as readonly RawRule[]).forEach((rule, index) => {
    const name = typeof rule.name === "string" && rule.name !== "" ? rule.name : `forbidden[${index}]`;
    const severity = typeof rule.severity === "string" ? rule.severity : "warn";
    if (severity !== "error" && severity !== "warn") {
      notTranslated.push({ rule: name, reason: `severity ${severity}: it fails nothing in dependency-cruiser` });
      if (rule.to?.circular === true) cycles = true;
      return;
    }
    const to = rule.to ?? {};
    const special = to.circular === true ? "no-circular" : to.couldNotResolve === true ? "unresolvable-import" : undefined;
    if (special !== undefined) {
      if (special === "no-circular") cycles = true;
      rules[special] = rules[special] === "error" ? "error" : severity;
      const rest = [...Object.keys(rule.from ?? {}).map((key) => `from.${key}`), ...Object.keys(to).filter((key) => key !== "circular" && key !== "couldNotResolve").map((key) => `to.${key}`)];
      translated.push({
        rule: name,
        into: `rules: ${special}: ${severity}`,
        approximations: rest.length === 0 ? [] : [`${rest.join(", ")} not kept: ${special} applies to every file (waive single findings with spine-check-ignore or the baseline)`],
      });
      return;
    }
    if (rule.module !== undefined || rule.from?.orphan !== undefined || to.reachable !== undefined) {
      notTranslated.push({ rule: name, reason: "orphan, reachability and dependents rules have no spine-check equivalent" });
      return;
    }
    try {
      const approximations: string[] = [];
      const layer = { name: layerName(name, names), ...layerOf(rule, name, source, approximations) };
      layers.push(layer);
      if (severity === "warn") warnLayers.push(layer.name);
      translated.push({ rule: name, into: `layer ${layer.name}`, approximations });
    } catch (error) {
      if (!(error instanceof NotTranslatable)) throw error;
      notTranslated.push({ rule: name, reason: error.message });
    }
  });
  if (warnLayers.length > 0 && warnLayers.length === layers.length) rules["layer-boundary"] = "warn";
  else if (warnLayers.length > 0) {
    notTranslated.push({
      rule: warnLayers.join(", "),
      reason: "severity warn not kept: layer rules share the severity of layer-boundary (error here, as other translated rules are errors)",
    });
  }
  if (!cycles) rules["no-circular"] = "off";
  const allowed = (config as { allowed?: unknown }).allowed;
  if (Array.isArray(allowed) && allowed.length > 0) {
    notTranslated.push({ rule: "allowed", reason: "an allow-list of every dependency has no spine-check equivalent; write layer rules with `only` instead" });
  }
  const required = (config as { required?: unknown }).required;
  if (Array.isArray(required) && required.length > 0) notTranslated.push({ rule: "required", reason: "required dependencies have no spine-check equivalent" });
  return { layers, rules, translated, notTranslated };
}
