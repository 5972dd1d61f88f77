/**
 * Loads one YAML file of `contracts/` through the cache: a text validated by
 * an earlier run is not parsed again; the positions the rules report are
 * cached with the data, and the YAML is parsed only when another position
 * is asked for.
 */
import { hashOf } from "../cache/hash.js";
import type { CacheSection } from "../cache/store.js";
import { baselineSchema, contractSchema, projectSchema } from "./schema.js";
import { type SchemaName, validated } from "./validate.js";
import { type PositionOf, parseYaml, positionFinder, type YamlPath } from "./yaml.js";

/** A validated YAML file. */
export interface LoadedYaml<T> {
  /** Repository-relative path. */
  readonly file: string;
  readonly data: T;
  /** The raw text. */
  readonly text: string;
  readonly positionOf: PositionOf;
}

/** The cached form of a validated file: its data and the positions of the paths the rules report. */
export interface CachedYaml<T> {
  readonly data: T;
  readonly positions: Record<string, { line: number; column: number }>;
}

const SCHEMA_HASHES: Readonly<Record<SchemaName, string>> = {
  contract: hashOf(JSON.stringify(contractSchema)),
  project: hashOf(JSON.stringify(projectSchema)),
  baseline: hashOf(JSON.stringify(baselineSchema)),
};

/**
 * Parses and validates `text`, or takes it from `section` when the same text
 * was validated against the same schema before.
 * @param reported - the paths whose positions are cached with the data.
 * @throws {CheckerConfigError} for a syntax or schema error.
 */
export function loadYamlFile<T>(
  file: string,
  text: string,
  schema: SchemaName,
  section: CacheSection<CachedYaml<T>>,
  reported: (data: T) => readonly YamlPath[],
): LoadedYaml<T> {
  const key = hashOf(SCHEMA_HASHES[schema], text);
  const hit = section.get(file, key);
  if (hit !== undefined) {
    let positionOf: PositionOf | undefined;
    return {
      file,
      data: hit.data,
      text,
      positionOf: (path) => hit.positions[path.join("/")] ?? (positionOf ??= positionFinder(parseYaml(file, text)))(path),
    };
  }
  const parsed = parseYaml(file, text);
  const data = validated<T>(file, parsed, schema);
  const positionOf = positionFinder(parsed);
  section.set(file, key, { data, positions: Object.fromEntries(reported(data).map((path) => [path.join("/"), positionOf(path)])) });
  return { file, data, text, positionOf };
}
