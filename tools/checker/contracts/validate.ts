/**
 * Validates parsed YAML against the JSON Schemas, turning every schema error
 * into a `file:line:col: reason` problem.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { CheckerConfigError, type ConfigProblem } from "../errors.js";
import { baselineSchema, contractSchema, FILE_PATTERN, GLOB_PATTERN, projectSchema } from "./schema.js";
import { type ParsedYaml, type PositionOf, positionFinder } from "./yaml.js";

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

function schemaProblems(file: string, errors: readonly ErrorObject[], positionOf: PositionOf): ConfigProblem[] {
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

/**
 * The document's data once it matches the schema.
 * @throws {CheckerConfigError} listing every schema error at its position.
 */
export function validated<T>(file: string, parsed: ParsedYaml, schema: SchemaName): T {
  const value: unknown = parsed.doc.toJS() ?? {};
  const validate = compiledValidators()[schema];
  if (!validate(value)) throw new CheckerConfigError(schemaProblems(file, validate.errors ?? [], positionFinder(parsed)));
  return value as T;
}
