/**
 * JSON Schemas (draft-07) of the YAML files spine-check reads: module
 * contracts (`*.contract.yaml`), the project file (`contracts/project.yaml`:
 * scan settings, coverage, layer rules, severities, the baseline's path) and
 * the baseline of known violations.
 */

import { DEFAULT_LIMITS, type Limits, MAX_BYTES_LIMIT } from "../limits.js";
import { PROJECT_DEFAULTS } from "./defaults.js";
import { DEFAULT_BASELINE } from "./paths.js";

/*
 * Every property has a `description` (and a `default` where the checker
 * applies one): `npm run docs` renders them as docs/configuration.md, and
 * `npm run check:docs` fails when that page is stale.
 */

const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;

/** A list of non-empty strings, described. */
function describedList<const D extends string>(description: D) {
  return { ...stringList, description } as const;
}

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

/** A list of path globs from the repository root, described. */
function describedGlobs<const D extends string>(description: D) {
  return { ...globList, description } as const;
}

/** What each limit of `limits:` does when a file is over it. */
const LIMIT_DESCRIPTIONS: Readonly<Record<keyof Limits, string>> = {
  contract_bytes: "The largest contract file, in bytes: a larger one is an input error (exit 2).",
  analyse_bytes:
    "The largest contracted module analysed for transaction control and its exports (transaction-forbidden, export-drift, --update), in bytes: its imports are still checked, and a warning says so.",
  parse_bytes:
    "The largest source file parsed into a syntax tree, in bytes: a larger one is scanned for its imports without one (re-exports are not followed through it), and a warning says so.",
  read_bytes: "The largest source file read, in bytes: a larger one is not read at all, and a warning says so.",
};

const functionEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "signature", "consumers"],
  properties: {
    name: { type: "string", minLength: 1, description: "The exported name." },
    signature: { type: "string", minLength: 1, description: "`name(params): Return`, as the TypeScript checker prints it." },
    consumers: describedList("Who uses the function, in prose; kept by --update."),
  },
} as const;

const classEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "methods", "consumers"],
  properties: {
    name: { type: "string", minLength: 1, description: "The exported name." },
    extends: { type: "string", minLength: 1, description: "The base class, when the class extends one." },
    methods: {
      type: "array",
      description: "The public methods.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "signature"],
        properties: {
          name: { type: "string", minLength: 1, description: "The method's name." },
          signature: { type: "string", minLength: 1, description: "`name(params): Return`, as the TypeScript checker prints it." },
        },
      },
    },
    consumers: describedList("Who uses the class, in prose; kept by --update."),
  },
} as const;

const definitionEntry = {
  type: "object",
  additionalProperties: false,
  required: ["name", "definition", "consumers"],
  properties: {
    name: { type: "string", minLength: 1, description: "The exported name." },
    definition: { type: "string", minLength: 1, description: "The type, as the TypeScript checker prints it." },
    consumers: describedList("Who uses it, in prose; kept by --update."),
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
      description: "Where the module sits; only `file` is required, the rest is prose that no rule reads but `transaction`.",
      additionalProperties: false,
      required: ["file"],
      properties: {
        file: { type: "string", minLength: 1, pattern: FILE_PATTERN, description: "The module's path from the repository root (`spine/drivers/idempotency.ts`)." },
        layer: { type: "string", minLength: 1, description: "The layer, in the team's words (`L4 — spine (driver)`)." },
        role: { type: "string", minLength: 1, description: "What kind of module it is (`driver`, `orchestrator`)." },
        inbound: describedList("Who calls the module, in prose (the boundary globs are the enforced part)."),
        outbound: describedList("What the module calls, in prose."),
        transaction: {
          enum: ["forbidden", "allowed"],
          description: "`forbidden`: the module may not commit, roll back or open a transaction (transaction-forbidden); absent: not checked.",
        },
        cross_domain: describedList("The other domains the module reaches, in prose."),
        purpose: { type: "string", minLength: 1, description: "What the module is for, in one sentence." },
      },
    },
    exports: {
      type: "object",
      description: "The API the module promises; absent: export-drift does not check the module. Written by --update.",
      additionalProperties: false,
      required: ["functions", "classes", "types", "protocols", "constants"],
      properties: {
        functions: { type: "array", items: functionEntry, description: "The exported functions." },
        classes: { type: "array", items: classEntry, description: "The exported classes." },
        types: { type: "array", items: definitionEntry, description: "The exported type aliases and enums." },
        protocols: { type: "array", items: definitionEntry, description: "The exported interfaces." },
        constants: { type: "array", items: definitionEntry, description: "The exported variables." },
      },
    },
    boundary: {
      type: "object",
      description: "Who may import the module: enforced by both engines (inbound-boundary, reexport-laundering).",
      additionalProperties: false,
      required: ["allowed_inbound"],
      properties: {
        allowed_inbound: describedGlobs("Globs of the files that may depend on the module."),
        forbidden_inbound: describedGlobs("Globs of files that may not depend on it, even when allowed_inbound matches them."),
      },
    },
    actual_imports: {
      type: "object",
      description: "The imports the module has; absent: import-drift does not check the module. Written by --update.",
      additionalProperties: false,
      required: ["internal", "external"],
      properties: {
        internal: describedList("The files of this repository the module imports, from the repository root."),
        external: describedList("The packages the module imports (`node:` built-ins included)."),
      },
    },
    pairing: {
      type: "object",
      description: "Whom the module is meant to serve: declared, never checked.",
      additionalProperties: false,
      required: ["serves_domains", "expected_l5_consumers", "orchestrator_operations"],
      properties: {
        serves_domains: describedList("The domains the module serves."),
        expected_l5_consumers: describedList("The L5 consumers (domain code that calls the spine) expected to use it."),
        orchestrator_operations: describedList("The orchestrator operations it backs."),
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
    tsconfig: {
      type: "string",
      minLength: 1,
      pattern: PATH_PATTERN,
      default: PROJECT_DEFAULTS.tsconfig,
      description:
        "The tsconfig whose `paths` resolve specifiers, from the repository root; it must exist when named. A solution-style tsconfig (`files: []` with `references`) resolves with its first referenced project that sets `paths`.",
    },
    scan: {
      type: "object",
      description: "Which files are scanned for dependencies.",
      additionalProperties: false,
      properties: {
        include: { ...describedGlobs("Globs of the files scanned."), default: PROJECT_DEFAULTS.scan.include },
        exclude: { ...describedGlobs("Globs of files left out of the scan."), default: PROJECT_DEFAULTS.scan.exclude },
      },
    },
    type_imports: {
      enum: ["count", "exempt"],
      default: PROJECT_DEFAULTS.type_imports,
      description: "`count`: `import type` is a dependency like any other; `exempt`: type-only dependencies break no rule.",
    },
    coverage: { ...describedGlobs("Globs of the files that each need a contract (contract-coverage)."), default: PROJECT_DEFAULTS.coverage },
    limits: {
      type: "object",
      description: `Byte limits on the files a run reads (each from 1 to ${MAX_BYTES_LIMIT}).`,
      additionalProperties: false,
      properties: Object.fromEntries(
        LIMIT_NAMES.map((name) => [
          name,
          { type: "integer", minimum: 1, maximum: MAX_BYTES_LIMIT, default: DEFAULT_LIMITS[name as keyof Limits], description: LIMIT_DESCRIPTIONS[name as keyof Limits] },
        ]),
      ),
    },
    layers: {
      type: "array",
      description: "The layer rules (layer-boundary): which files may not depend on which.",
      default: PROJECT_DEFAULTS.layers,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "from", "reason"],
        properties: {
          name: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$", description: "The rule's name, in lower-case kebab case, shown in messages." },
          from: describedGlobs("Globs of the files the rule governs."),
          except: describedGlobs("Globs of files matching `from` that the rule does not govern."),
          forbidden: describedGlobs("What those files may not depend on: repository files, and packages' modules as written (`react-dom/server`, `@vendor/*`, `node:*`)."),
          allow: describedGlobs("Files or packages exempt from `forbidden`."),
          only: describedGlobs("The only repository files (besides `from`) those files may depend on; packages stay free."),
          type_imports: { enum: ["count", "exempt"], description: "Overrides the project's `type_imports` for this rule." },
          reason: { type: "string", minLength: 1, description: "Why: shown with every violation of the rule." },
        },
      },
    },
    rules: {
      type: "object",
      description: "A severity per rule id: `error` fails the run, `warn` is reported without failing, `off` is not run.",
      default: PROJECT_DEFAULTS.rules,
      additionalProperties: { enum: SEVERITY_SETTINGS, description: "The severity of the rule this key names (a rule id of the rule table)." },
    },
    baseline: {
      type: "string",
      minLength: 1,
      pattern: FILE_PATTERN,
      default: DEFAULT_BASELINE,
      description: "The file of known violations (written by --update-baseline), from the repository root.",
    },
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
