/**
 * Loads the YAML files under `contracts/` with source positions, validates
 * them against the JSON Schemas and returns typed data. Every problem is
 * reported as `file:line:col: reason` through {@link CheckerConfigError}.
 * With a cache, a contract whose text was validated before is not parsed
 * again until a position in it is asked for.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { CACHE_VERSION, hashOf, type JsonCache, noCache } from "../analyse/cache.js";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { contractSchema, FILE_PATTERN, GLOB_PATTERN, projectSchema } from "./schema.js";
import type { ContractData, ProjectData } from "./types.js";

/** Folder of the contracts, relative to the repository root. */
export const CONTRACTS_DIR = "contracts";
/** The project file, relative to the repository root. */
export const PROJECT_FILE = `${CONTRACTS_DIR}/project.yaml`;
/** Suffix of module contract files. */
export const CONTRACT_SUFFIX = ".contract.yaml";

/** A module contract as loaded. */
export interface LoadedContract {
  /** Path of the contract file, relative to the repository root. */
  readonly contractFile: string;
  readonly data: ContractData;
  /** The raw text, hashed by the cache. */
  readonly text: string;
  /** 1-based line and column of a node of the YAML, by path (`["placement","file"]`). */
  positionOf(path: readonly (string | number)[]): { line: number; column: number };
}

/** Defaults of `contracts/project.yaml` for a key it does not set. */
export const PROJECT_DEFAULTS: ProjectData = {
  tsconfig: "tsconfig.json",
  scan: {
    include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    exclude: ["**/node_modules/**", "dist/**", "test/fixtures/**", ".spine-cache/**", "coverage/**", "**/*.d.ts"],
  },
  type_imports: "count",
  coverage: ["spine/drivers/**"],
  layers: [],
};

let validators: { readonly contract: ValidateFunction; readonly project: ValidateFunction } | undefined;

/** The schema validators, compiled on first use. */
function compiledValidators(): { readonly contract: ValidateFunction; readonly project: ValidateFunction } {
  if (validators === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validators = { contract: ajv.compile(contractSchema), project: ajv.compile(projectSchema) };
  }
  return validators;
}

/** A parsed YAML document with its line counter. */
export interface ParsedYaml {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/** Parses YAML text, keeping positions; throws on syntax errors. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    return { file, line: pos.line, column: pos.col, reason: `invalid YAML: ${error.message.split("\n")[0] ?? ""}` };
  });
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return { doc, lineCounter };
}

function positionFinder(parsed: ParsedYaml): LoadedContract["positionOf"] {
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? parsed.doc.contents : parsed.doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const pos = parsed.lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
}

function schemaProblems(
  file: string,
  errors: readonly ErrorObject[],
  positionOf: LoadedContract["positionOf"],
): ConfigProblem[] {
  return errors.map((error) => {
    const path = error.instancePath
      .split("/")
      .slice(1)
      .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    const where = error.instancePath === "" ? "the document" : error.instancePath.slice(1).replace(/\//g, ".");
    let reason = `${where} ${error.message ?? "is invalid"}`;
    if (error.keyword === "additionalProperties") {
      reason = `${where} has an unknown key "${String(error.params["additionalProperty"])}"`;
      path.push(String(error.params["additionalProperty"]));
    } else if (error.keyword === "enum") {
      reason = `${where} must be one of ${(error.params["allowedValues"] as unknown[]).join(", ")}`;
    } else if (error.keyword === "pattern" && error.params["pattern"] === GLOB_PATTERN) {
      reason = `${where} must be a path glob relative to the repository root (no leading ./ or /)`;
    } else if (error.keyword === "pattern" && error.params["pattern"] === FILE_PATTERN) {
      reason = `${where} must be a path relative to the repository root (no leading ./ or /, no backslash)`;
    }
    const pos = positionOf(path);
    return { file, line: pos.line, column: pos.column, reason };
  });
}

function validated<T>(file: string, parsed: ParsedYaml, validate: ValidateFunction): T {
  const value: unknown = parsed.doc.toJS() ?? {};
  if (!validate(value)) {
    throw new CheckerConfigError(schemaProblems(file, validate.errors ?? [], positionFinder(parsed)));
  }
  return value as T;
}

/**
 * Parses and validates the text of one contract file.
 * @param file - the contract's path relative to the repository root, for positions in errors.
 * @param text - its content.
 */
export function parseContract(file: string, text: string): LoadedContract {
  const parsed = parseYaml(file, text);
  const data = validated<ContractData>(file, parsed, compiledValidators().contract);
  return { contractFile: file, data, text, positionOf: positionFinder(parsed) };
}

/** Lists the contract files under `contracts/`, sorted, relative to `root`. */
export function findContractFiles(root: string): string[] {
  const dir = join(root, CONTRACTS_DIR);
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = join(abs, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(CONTRACT_SUFFIX)) found.push(relative(root, child).split("\\").join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/** Positions the rules ask for, by path joined with `/`. */
type KnownPositions = Record<string, { line: number; column: number }>;

interface CachedContract {
  /** Hash of the text and of the schema it was validated against. */
  readonly key: string;
  readonly data: ContractData;
  readonly positions: KnownPositions;
}

interface CachedContracts {
  readonly version: string;
  /** Validated data by contract file. */
  readonly entries: Record<string, CachedContract>;
}

const CACHE_ENTRY = "contracts";
const SCHEMA_HASH = hashOf(JSON.stringify(contractSchema));

/** The paths whose positions the rules report: `placement.file`, each `actual_imports` list and each export. */
function reportedPaths(data: ContractData): (string | number)[][] {
  const paths: (string | number)[][] = [["placement", "file"], ["actual_imports", "internal"], ["actual_imports", "external"]];
  for (const section of ["functions", "classes", "types", "protocols", "constants"] as const) {
    data.exports[section].forEach((_, index) => paths.push(["exports", section, index]));
  }
  return paths;
}

/** The positions of {@link reportedPaths}, for the cache. */
function knownPositions(contract: LoadedContract): KnownPositions {
  return Object.fromEntries(reportedPaths(contract.data).map((path) => [path.join("/"), contract.positionOf(path)]));
}

/**
 * A contract validated by an earlier run: positions come from the cache, and
 * its YAML is parsed only when another position is asked for.
 */
function cachedContract(file: string, text: string, entry: CachedContract): LoadedContract {
  let positionOf: LoadedContract["positionOf"] | undefined;
  return {
    contractFile: file,
    data: entry.data,
    text,
    positionOf: (path) => {
      const known = entry.positions[path.join("/")];
      if (known !== undefined) return known;
      positionOf ??= positionFinder(parseYaml(file, text));
      return positionOf(path);
    },
  };
}

/**
 * Loads every contract under `contracts/`. Problems of all files are
 * collected and thrown together.
 * @param cache - remembers validated contracts by the hash of their text.
 */
export function loadContracts(root: string, cache: JsonCache = noCache): LoadedContract[] {
  const contracts: LoadedContract[] = [];
  const problems: ConfigProblem[] = [];
  const stored = cache.read<CachedContracts>(CACHE_ENTRY);
  const previous = stored?.version === CACHE_VERSION ? stored.entries : {};
  const next: Record<string, CachedContract> = {};
  let changed = false;
  for (const file of findContractFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    const key = hashOf(SCHEMA_HASH, text);
    const hit = previous[file];
    if (hit?.key === key) {
      contracts.push(cachedContract(file, text, hit));
      next[file] = hit;
      continue;
    }
    changed = true;
    try {
      const contract = parseContract(file, text);
      contracts.push(contract);
      next[file] = { key, data: contract.data, positions: knownPositions(contract) };
    } catch (error) {
      if (error instanceof CheckerConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (changed || Object.keys(previous).length !== Object.keys(next).length) {
    cache.write(CACHE_ENTRY, { version: CACHE_VERSION, entries: next } satisfies CachedContracts);
  }
  const seen = new Map<string, string>();
  for (const contract of contracts) {
    const other = seen.get(contract.data.placement.file);
    if (other !== undefined) {
      const pos = contract.positionOf(["placement", "file"]);
      problems.push({
        file: contract.contractFile,
        ...pos,
        reason: `placement.file "${contract.data.placement.file}" is already contracted by ${other}`,
      });
    }
    seen.set(contract.data.placement.file, contract.contractFile);
  }
  if (problems.length > 0) throw new CheckerConfigError(problems);
  return contracts;
}

/** The project file as loaded, with defaults applied, and its raw text ("" when absent). */
export interface LoadedProject {
  readonly data: ProjectData;
  readonly text: string;
}

interface CachedProject {
  readonly version: string;
  /** Hash of the text and of the schema it was validated against. */
  readonly key: string;
  readonly raw: Partial<ProjectData>;
}

const PROJECT_CACHE_ENTRY = "project";

/**
 * Loads `contracts/project.yaml`, or the defaults when it does not exist.
 * @param cache - remembers the validated file by the hash of its text.
 */
export function loadProject(root: string, cache: JsonCache = noCache): LoadedProject {
  const abs = join(root, PROJECT_FILE);
  if (!existsSync(abs)) return { data: PROJECT_DEFAULTS, text: "" };
  const text = readFileSync(abs, "utf8");
  const key = hashOf(JSON.stringify(projectSchema), text);
  const stored = cache.read<CachedProject>(PROJECT_CACHE_ENTRY);
  let raw: Partial<ProjectData>;
  if (stored?.version === CACHE_VERSION && stored.key === key) {
    raw = stored.raw;
  } else {
    raw = validated<Partial<ProjectData>>(PROJECT_FILE, parseYaml(PROJECT_FILE, text), compiledValidators().project);
    cache.write(PROJECT_CACHE_ENTRY, { version: CACHE_VERSION, key, raw } satisfies CachedProject);
  }
  return {
    text,
    data: {
      tsconfig: raw.tsconfig ?? PROJECT_DEFAULTS.tsconfig,
      scan: {
        include: raw.scan?.include ?? PROJECT_DEFAULTS.scan.include,
        exclude: raw.scan?.exclude ?? PROJECT_DEFAULTS.scan.exclude,
      },
      type_imports: raw.type_imports ?? PROJECT_DEFAULTS.type_imports,
      coverage: raw.coverage ?? PROJECT_DEFAULTS.coverage,
      layers: raw.layers ?? PROJECT_DEFAULTS.layers,
    },
  };
}
