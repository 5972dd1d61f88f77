/**
 * The generated references: `docs/configuration.md`, every key of a module
 * contract and of `contracts/project.yaml` rendered from the JSON Schemas the
 * checker validates them with, and `docs/cli.md`, every command and option
 * of `spine-check` and `spine-docs` rendered from their option specs. A
 * repository opts in by holding the page with its marker (its second line):
 * `npm run docs` then rewrites it and `npm run check:docs` fails when it is
 * stale; without the page, nothing is written (a repository that uses
 * spine-check does not get spine-check's own reference pages).
 */
import {
  COMMAND_SPECS,
  type CommandSpec,
  contractSchema,
  optionLabel,
  type OptionSpecs,
  PROGRAM_OPTION_SPECS,
  projectSchema,
} from "../checker/index.js";
import { cell, code, document, GENERATED_MARKER } from "./markdown.js";
import { DOCS_OPTION_SPECS, DOCS_SUMMARY } from "./options.js";

/** The subset of JSON Schema (draft-07) the checker's schemas use. */
export interface JsonSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly description?: string;
  readonly default?: unknown;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A command line as the CLI reference shows it. */
export interface ReferenceCommand {
  /** How it is called (`spine-check init [options]`). */
  readonly synopsis: string;
  /** What it does. */
  readonly summary: string;
  readonly options: OptionSpecs;
}

/** What the references are rendered from (the real schemas and specs, or a test's). */
export interface ReferenceSources {
  readonly contractSchema: JsonSchema;
  readonly projectSchema: JsonSchema;
  /** The commands of `spine-check`, the default first. */
  readonly commands: readonly Pick<CommandSpec, "name" | "summary" | "synopsis" | "options">[];
  /** The options `spine-check` takes without a command. */
  readonly programOptions: OptionSpecs;
  /** The `spine-docs` command line. */
  readonly docs: ReferenceCommand;
}

/** The checker's own schemas and command specs. */
export const REFERENCE_SOURCES: ReferenceSources = {
  contractSchema: contractSchema as JsonSchema,
  projectSchema: projectSchema as JsonSchema,
  commands: COMMAND_SPECS,
  programOptions: PROGRAM_OPTION_SPECS,
  docs: { synopsis: "spine-docs [--check] [--root DIR]", summary: DOCS_SUMMARY, options: DOCS_OPTION_SPECS },
};

/** A generated reference page. */
export interface ReferencePage {
  readonly path: string;
  /** The page's second line, after the generated marker: the page opts in with it. */
  readonly marker: string;
  render(sources: ReferenceSources): string;
}

/** One row of the configuration reference. */
interface KeyRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly description: string;
}

/** A schema's type, in words: `string`, `integer`, `` `a` \| `b` ``, `list of string`. */
function typeOf(schema: JsonSchema): string {
  if (schema.enum !== undefined) return schema.enum.map((value) => code(String(value))).join(" or ");
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (schema.type === "array") return `list of ${schema.items === undefined ? "any" : typeOf(schema.items)}`;
  if (schema.type === "integer" && schema.minimum !== undefined && schema.maximum !== undefined) return `integer, ${schema.minimum} to ${schema.maximum}`;
  return schema.type ?? "any";
}

/** Every key of a schema, depth first, in the schema's order. */
function keyRows(schema: JsonSchema, prefix = ""): KeyRow[] {
  const rows: KeyRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push({
      path,
      type: typeOf(property),
      required: required.has(name),
      ...(property.default === undefined ? {} : { default: property.default }),
      description: property.description ?? "",
    });
    rows.push(...keyRows(property, `${path}.`));
    if (property.items !== undefined) rows.push(...keyRows(property.items, `${path}[].`));
    if (typeof property.additionalProperties === "object") {
      const value = property.additionalProperties;
      rows.push({ path: `${path}.<key>`, type: typeOf(value), required: false, description: value.description ?? "" });
    }
  }
  return rows;
}

/** The table of a schema's keys. */
function keyTable(schema: JsonSchema): string {
  return [
    "| key | type | required | default | description |",
    "| --- | --- | --- | --- | --- |",
    ...keyRows(schema).map(
      (row) =>
        `| ${code(row.path)} | ${cell(row.type)} | ${row.required ? "yes" : "no"} | ${row.default === undefined ? "–" : cell(code(JSON.stringify(row.default).replace(/","/g, '", "')))} | ${cell(row.description)} |`,
    ),
  ].join("\n");
}

/** `docs/configuration.md`. */
export const CONFIGURATION_REFERENCE: ReferencePage = {
  path: "docs/configuration.md",
  marker: "<!-- spine-docs:reference:configuration -->",
  render(sources) {
    return document([
      `${GENERATED_MARKER}\n${this.marker}`,
      "# Configuration reference",
      "Every key of a module contract and of `contracts/project.yaml`, generated from the JSON Schemas that spine-check validates them with (`tools/checker/contracts/schema.ts`). A key written `a.b` is `b` under `a`; `a[].b` is `b` in each item of the list `a`. Globs and paths are relative to the repository root. How the keys are used: [checker.md](checker.md).",
      "## Module contracts",
      "One file per contracted module, `contracts/<path of the module without its extension>.contract.yaml`. An absent optional section is not checked.",
      keyTable(sources.contractSchema),
      "## contracts/project.yaml",
      "The project-wide settings. Every key is optional; a key left out takes its default.",
      keyTable(sources.projectSchema),
    ]);
  },
};

/** The table of a command's visible options. */
function optionTable(options: OptionSpecs): string {
  return [
    "| option | what it does | default |",
    "| --- | --- | --- |",
    ...Object.entries(options)
      .filter(([, spec]) => spec.hidden !== true)
      .map(([name, spec]) => `| ${code(optionLabel(name, spec))} | ${cell(spec.description)} | ${spec.defaultText === undefined ? "–" : cell(spec.defaultText)} |`),
  ].join("\n");
}

/** `docs/cli.md`. */
export const CLI_REFERENCE: ReferencePage = {
  path: "docs/cli.md",
  marker: "<!-- spine-docs:reference:cli -->",
  render(sources) {
    const [first] = sources.commands;
    return document([
      `${GENERATED_MARKER}\n${this.marker}`,
      "# Command-line reference",
      "Every command and option of `spine-check` and `spine-docs`, generated from their option specs (`tools/checker/commands/`, `tools/docs/options.ts`): the same text as `--help`. Exit codes: [errors.md](errors.md#checker-exit-codes). The guide: [checker.md](checker.md).",
      "## spine-check",
      code("spine-check [command] [options]"),
      [
        "| command | what it does |",
        "| --- | --- |",
        ...sources.commands.map((command) => `| ${code(command.name)} | ${cell(command.summary)} |`),
      ].join("\n"),
      `Without a command, \`spine-check\` runs ${code(first?.name ?? "check")}, and also takes:`,
      optionTable(sources.programOptions),
      ...sources.commands.flatMap((command) => [`### spine-check ${command.name}`, code(command.synopsis), `${command.summary[0]?.toUpperCase() ?? ""}${command.summary.slice(1)}.`, optionTable(command.options)]),
      "## spine-docs",
      code(sources.docs.synopsis),
      sources.docs.summary.replace(/\s*\n\s*/g, " "),
      optionTable(sources.docs.options),
    ]);
  },
};

/** Every reference page. */
export const REFERENCE_PAGES: readonly ReferencePage[] = [CONFIGURATION_REFERENCE, CLI_REFERENCE];

/** Whether a committed page opts in to a reference: its first two lines are the generated marker and the page's marker. */
export function holdsReference(committed: string, page: ReferencePage): boolean {
  return committed.startsWith(`${GENERATED_MARKER}\n${page.marker}\n`);
}
