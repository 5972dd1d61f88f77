/**
 * JSON Schemas (draft-07) of the YAML files spine-check reads: module
 * contracts (`*.contract.yaml`), the project file (`contracts/project.yaml`:
 * scan settings, coverage, layer rules, severities, the baseline's path) and
 * the baseline of known violations.
 */

import { DEFAULT_LIMITS, MAX_BYTES_LIMIT } from "../limits.js";

const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;

/** The keys of `limits:`. */
const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS);
/** The pattern every path glob of the contracts must match: relative to the repository root, no leading `./` or `/`. */
export const GLOB_PATTERN = "^[^./]|^\\.[^./]";

/**
 * The pattern of `placement.file`: a normalised path relative to the
 * repository root, with `/` separators: no `.` or `..` segment (a contract
 * never names a file outside the repository), no empty segment, no
 * backslash, no NUL.
 */
export const FILE_PATTERN = "^(?!.*(?:^|/)\\.{1,2}(?:/|$))(?!.*//)[^/.][^\\\\\\u0000]*(?<!/)$";

/** The pattern of a file named in `contracts/project.yaml` (`tsconfig`): no NUL. */
export const PATH_PATTERN = "^[^\\u0000]+$";

const globList = { type: "array", items: { type: "string", minLength: 1, pattern: GLOB_PATTERN } } as const;

const functionEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "signature", "consumers"],
  properties: {
    name: { type: "string", minLength: 1 },
    signature: { type: "string", minLength: 1 },
    consumers: stringList,
  },
} as const;

const classEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "methods", "consumers"],
  properties: {
    name: { type: "string", minLength: 1 },
    extends: { type: "string", minLength: 1 },
    methods: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "signature"],
        properties: { name: { type: "string", minLength: 1 }, signature: { type: "string", minLength: 1 } },
      },
    },
    consumers: stringList,
  },
} as const;

const definitionEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "definition", "consumers"],
  properties: {
    name: { type: "string", minLength: 1 },
    definition: { type: "string", minLength: 1 },
    consumers: stringList,
  },
} as const;

/**
 * Schema of one module contract. Only `placement.file` and `boundary` are
 * required: the boundary is what both engines enforce, and every other
 * section is optional. An absent section is not checked (`exports`:
 * export-drift, `actual_imports`: import-drift, `placement.transaction`:
 * transaction-forbidden) and the docs say "not declared". The placement's
 * prose fields are optional too: no rule reads them, and requiring them
 * would only make new contracts carry placeholder text that the docs would
 * then present as fact.
 */
export const contractSchema = {
  $id: "https://spine.local/schemas/contract.json",
  type: "object",
  additionalProperties: false,
  required: ["placement", "boundary"],
  properties: {
    placement: {
      type: "object",
      additionalProperties: false,
      required: ["file"],
      properties: {
        file: { type: "string", minLength: 1, pattern: FILE_PATTERN },
        layer: { type: "string", minLength: 1 },
        role: { type: "string", minLength: 1 },
        inbound: stringList,
        outbound: stringList,
        transaction: { enum: ["forbidden", "allowed"] },
        cross_domain: stringList,
        purpose: { type: "string", minLength: 1 },
      },
    },
    exports: {
      type: "object",
      additionalProperties: false,
      required: ["functions", "classes", "types", "protocols", "constants"],
      properties: {
        functions: { type: "array", items: functionEntry },
        classes: { type: "array", items: classEntry },
        types: { type: "array", items: definitionEntry },
        protocols: { type: "array", items: definitionEntry },
        constants: { type: "array", items: definitionEntry },
      },
    },
    boundary: {
      type: "object",
      additionalProperties: false,
      required: ["allowed_inbound"],
      properties: { allowed_inbound: globList, forbidden_inbound: globList },
    },
    actual_imports: {
      type: "object",
      additionalProperties: false,
      required: ["internal", "external"],
      properties: { internal: stringList, external: stringList },
    },
    pairing: {
      type: "object",
      additionalProperties: false,
      required: ["serves_domains", "expected_l5_consumers", "orchestrator_operations"],
      properties: {
        serves_domains: stringList,
        expected_l5_consumers: stringList,
        orchestrator_operations: stringList,
      },
    },
  },
} as const;

/** The severities `rules:` accepts. */
export const SEVERITY_SETTINGS = ["error", "warn", "off"] as const;

/** Schema of `contracts/project.yaml`. */
export const projectSchema = {
  $id: "https://spine.local/schemas/project.json",
  type: "object",
  additionalProperties: false,
  properties: {
    tsconfig: { type: "string", minLength: 1, pattern: PATH_PATTERN },
    scan: {
      type: "object",
      additionalProperties: false,
      properties: { include: globList, exclude: globList },
    },
    type_imports: { enum: ["count", "exempt"] },
    coverage: globList,
    limits: {
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(LIMIT_NAMES.map((name) => [name, { type: "integer", minimum: 1, maximum: MAX_BYTES_LIMIT }])),
    },
    layers: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "from", "reason"],
        properties: {
          name: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$" },
          from: globList,
          except: globList,
          forbidden: globList,
          allow: globList,
          only: globList,
          type_imports: { enum: ["count", "exempt"] },
          reason: { type: "string", minLength: 1 },
        },
      },
    },
    rules: { type: "object", additionalProperties: { enum: SEVERITY_SETTINGS } },
    baseline: { type: "string", minLength: 1, pattern: FILE_PATTERN },
  },
} as const;

/** Schema of a baseline file (written by `--update-baseline`). */
export const baselineSchema = {
  $id: "https://spine.local/schemas/baseline.json",
  type: "object",
  additionalProperties: false,
  required: ["version", "violations"],
  properties: {
    version: { const: 1 },
    violations: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["rule", "file", "target"],
        properties: {
          rule: { type: "string", minLength: 1 },
          file: { type: "string", minLength: 1 },
          target: { type: "string" },
        },
      },
    },
  },
} as const;
