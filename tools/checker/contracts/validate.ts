/**
 * Validates parsed YAML against the JSON Schemas, turning every schema error
 * into a `file:line:col: reason` problem.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { globProblem } from "./glob.js";
import { baselineSchema, contractSchema, FILE_PATTERN, GLOB_PATTERN, PATH_PATTERN, projectSchema } from "./schema.js";
import { type ParsedYaml, type PositionOf, positionFinder, yamlData } from "./yaml.js";

/** The kinds of YAML file under `contracts/`. */
export type SchemaName = "contract" | "project" | "baseline";

let validators: Readonly<Record<SchemaName, ValidateFunction>> | undefined;

/** The schema validators, compiled on first use. */
function compiledValidators(): Readonly<Record<SchemaName, ValidateFunction>> {
  if (validators === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    validators = { contract: ajv.compile(contractSchema), project: ajv.compile(projectSchema), baseline: ajv.compile(baselineSchema) };
  }
  return validators;
}

/** A path for a message: at most 120 characters. */
function shortPath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 117)}...` : path;
}

/** A key for a message: quoted, control characters escaped, at most 80 characters. */
function quoted(key: string): string {
  return JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key);
}

/** The most schema problems reported per file (the first ones; a count says how many more there are). */
const MAX_PROBLEMS = 20;

function schemaProblems(file: string, errors: readonly ErrorObject[], positionOf: PositionOf): ConfigProblem[] {
  const problems = errors.slice(0, MAX_PROBLEMS).map((error): ConfigProblem => {
    const path = error.instancePath
      .split("/")
      .slice(1)
      .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
    const where = error.instancePath === "" ? "the document" : shortPath(error.instancePath.slice(1).replace(/\//g, "."));
    let reason = `${where} ${error.message ?? "is invalid"}`;
    if (error.keyword === "additionalProperties") {
      reason = `${where} has an unknown key ${quoted(String(error.params["additionalProperty"]))}`;
      path.push(String(error.params["additionalProperty"]));
    } else if (error.keyword === "enum") {
      reason = `${where} must be one of ${(error.params["allowedValues"] as unknown[]).join(", ")}`;
    } else if (error.keyword === "pattern" && error.params["pattern"] === GLOB_PATTERN) {
      reason = `${where} must be a path glob relative to the repository root (no leading ./ or /)`;
    } else if (error.keyword === "pattern" && error.params["pattern"] === FILE_PATTERN) {
      reason = `${where} must be a normalised path relative to the repository root (no leading ./ or /, no . or .. segment, no empty segment, no backslash, no NUL)`;
    } else if (error.keyword === "pattern" && error.params["pattern"] === PATH_PATTERN) {
      reason = `${where} must be a path without a NUL character`;
    }
    const pos = positionOf(path);
    return { file, line: pos.line, column: pos.column, reason };
  });
  if (errors.length > MAX_PROBLEMS) problems.push({ file, line: 0, column: 0, reason: `and ${errors.length - MAX_PROBLEMS} more schema problems` });
  return problems;
}

/** The paths of the glob lists of valid data of a schema. */
function globLists(schema: SchemaName, value: unknown): (readonly (string | number)[])[] {
  if (schema === "contract") return [["boundary", "allowed_inbound"], ["boundary", "forbidden_inbound"]];
  const layers = (value as { layers?: readonly unknown[] }).layers ?? [];
  const layerLists = ["from", "except", "forbidden", "allow", "only"];
  return [["scan", "include"], ["scan", "exclude"], ["coverage"], ...layers.flatMap((_, i) => layerLists.map((list) => ["layers", i, list]))];
}

/** A problem for every glob of valid data that {@link globProblem} refuses. */
function globProblems(file: string, schema: SchemaName, value: unknown, positionOf: PositionOf): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const path of globLists(schema, value)) {
    let list: unknown = value;
    for (const key of path) list = (list as Record<string | number, unknown> | undefined)?.[key];
    if (!Array.isArray(list)) continue;
    list.forEach((glob: unknown, index) => {
      const problem = typeof glob === "string" ? globProblem(glob) : undefined;
      if (problem !== undefined) problems.push({ file, ...positionOf([...path, index]), reason: `${[...path, index].join(".")} ${problem}` });
    });
  }
  return problems;
}

/**
 * The document's data once it matches the schema (and its globs are usable).
 * @throws {CheckerConfigError} listing every schema error at its position.
 */
export function validated<T>(file: string, parsed: ParsedYaml, schema: SchemaName): T {
  const value: unknown = yamlData(parsed) ?? {};
  const validate = compiledValidators()[schema];
  if (!validate(value)) throw new CheckerConfigError(schemaProblems(file, validate.errors ?? [], positionFinder(parsed)));
  const globs = globProblems(file, schema, value, positionFinder(parsed));
  if (globs.length > 0) throw new CheckerConfigError(globs);
  return value as T;
}
