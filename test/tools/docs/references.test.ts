/**
 * The generated parts of the hand-written docs: the rule table of
 * docs/checker.md, and the reference pages docs/configuration.md (from the
 * JSON Schemas) and docs/cli.md (from the command specs). `npm run docs`
 * writes them where the repository holds them, and `npm run check:docs`
 * reports them stale when a schema's or an option's description changes.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RULES } from "../../../tools/checker/index.js";
import { runDocsCli } from "../../../tools/docs/cli.js";
import { compareDocs } from "../../../tools/docs/compare.js";
import { generateDocs, RULE_TABLE_PATH } from "../../../tools/docs/generate.js";
import { GENERATED_MARKER } from "../../../tools/docs/markdown.js";
import { RULES_END, RULES_START } from "../../../tools/docs/readme.js";
import {
  CLI_REFERENCE,
  CONFIGURATION_REFERENCE,
  type JsonSchema,
  REFERENCE_PAGES,
  REFERENCE_SOURCES,
  type ReferenceSources,
} from "../../../tools/docs/references.js";

const repository = resolve(import.meta.dirname, "../../..");
const fixture = join(repository, "test/fixtures/docs/ledger");

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cli(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = runDocsCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** A copy of the ledger fixture holding the rule table's markers and both reference pages, generated. */
function copyWithReferences(): string {
  const dir = mkdtempSync(join(tmpdir(), "spine-docs-references-"));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  mkdirSync(join(dir, "docs"), { recursive: true });
  writeFileSync(join(dir, RULE_TABLE_PATH), `# Guide\n\n${RULES_START}\n${RULES_END}\n\nAfter the table.\n`);
  for (const page of REFERENCE_PAGES) writeFileSync(join(dir, page.path), `${GENERATED_MARKER}\n${page.marker}\n`);
  expect(cli(["--root", dir]).code).toBe(0);
  expect(cli(["--root", dir, "--check"])).toMatchObject({ code: 0, stdout: "docs up to date: 5 pages\n" });
  return dir;
}

/** The sources with one schema property's description replaced. */
function withSchemaDescription(sources: ReferenceSources, key: string, description: string): ReferenceSources {
  const schema = sources.projectSchema;
  const property = schema.properties?.[key] as JsonSchema;
  return { ...sources, projectSchema: { ...schema, properties: { ...schema.properties, [key]: { ...property, description } } } };
}

/** The sources with one option of the check's description replaced. */
function withOptionDescription(sources: ReferenceSources, option: string, description: string): ReferenceSources {
  const commands = sources.commands.map((command) =>
    command.name === "check" ? { ...command, options: { ...command.options, [option]: { ...command.options[option]!, description } } } : command,
  );
  return { ...sources, commands };
}

/** Every property of a schema, with its path. */
function properties(schema: JsonSchema, prefix = ""): [string, JsonSchema][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]): [string, JsonSchema][] => [
    [`${prefix}${name}`, property],
    ...properties(property, `${prefix}${name}.`),
    ...(property.items === undefined ? [] : properties(property.items, `${prefix}${name}[].`)),
  ]);
}

describe("the rule table of docs/checker.md", () => {
  it("is written between the markers, one row per rule, and the rest of the page is kept", () => {
    const dir = copyWithReferences();
    const guide = readFileSync(join(dir, RULE_TABLE_PATH), "utf8");
    expect(guide.startsWith(`# Guide\n\n${RULES_START}\n| rule id | fails when | how to fix | engines |\n`)).toBe(true);
    expect(guide.endsWith(`${RULES_END}\n\nAfter the table.\n`)).toBe(true);
    for (const rule of RULES) expect(guide).toContain(`| \`${rule.id}\` | `);
  });

  it("is no longer generated in README.md", () => {
    const dir = copyWithReferences();
    writeFileSync(join(dir, "README.md"), `# Readme\n\n${RULES_START}\n${RULES_END}\n`);
    expect(generateDocs({ root: dir, cache: false }).has("README.md")).toBe(false);
  });
});

describe("the reference pages", () => {
  it("render every key of both schemas with its type, whether it is required, its default and its description", () => {
    const page = CONFIGURATION_REFERENCE.render(REFERENCE_SOURCES);
    expect(page).toContain("| `placement.file` | string | yes | – | ");
    expect(page).toContain("| `tsconfig` | string | no | `\"tsconfig.json\"` | ");
    expect(page).toContain("| `limits.contract_bytes` | integer, 1 to 500000000 | no | `1048576` | ");
    expect(page).toContain("| `layers[].reason` | string | yes | – | ");
    for (const schema of [REFERENCE_SOURCES.contractSchema, REFERENCE_SOURCES.projectSchema]) {
      for (const [path, property] of properties(schema)) {
        expect(property.description, path).toMatch(/\S/);
        expect(page).toContain(`| \`${path}\` | `);
      }
    }
  });

  it("render every command and every visible option with its description and default", () => {
    const page = CLI_REFERENCE.render(REFERENCE_SOURCES);
    for (const command of REFERENCE_SOURCES.commands) {
      expect(page).toContain(`### spine-check ${command.name}\n\n\`${command.synopsis}\`\n`);
      for (const [name, spec] of Object.entries(command.options)) {
        expect(spec.description, name).toMatch(/\S/);
        if (spec.hidden === true) expect(page).not.toContain(`--${name}`);
        else expect(page).toContain(` | ${spec.description} | ${spec.defaultText ?? "–"} |`);
      }
    }
    expect(page).toContain("| `--format NAME` | the report's format: human, json, github, sarif | human |");
    expect(page).toContain("## spine-docs\n\n`spine-docs [--check] [--root DIR]`\n");
    expect(page).toContain("| `--version` | print spine-check's version | – |");
  });

  it("are this repository's committed pages", () => {
    for (const page of REFERENCE_PAGES) {
      expect(readFileSync(join(repository, page.path), "utf8"), page.path).toBe(page.render(REFERENCE_SOURCES));
    }
  });

  it.each([
    ["a schema description", CONFIGURATION_REFERENCE.path, (sources: ReferenceSources) => withSchemaDescription(sources, "coverage", "Globs of the files that need a contract, changed."), "Globs of the files that need a contract, changed."],
    ["an option description", CLI_REFERENCE.path, (sources: ReferenceSources) => withOptionDescription(sources, "quiet", "print only what fails, changed"), "print only what fails, changed"],
  ])("are reported stale after a change to %s, and written again", (_label, path, change, line) => {
    const dir = copyWithReferences();
    const references = change(REFERENCE_SOURCES);
    const drift = compareDocs(dir, generateDocs({ root: dir, cache: false, references }));
    expect(drift.map((item) => [item.kind, item.path])).toEqual([["stale", path]]);
    expect(drift[0]?.diff).toContain(line);
    expect(drift[0]?.diff).toMatch(/^\+ .*changed/m);
  });

  it("are left alone where the repository does not hold them with their marker", () => {
    const dir = copyWithReferences();
    rmSync(join(dir, CONFIGURATION_REFERENCE.path));
    writeFileSync(join(dir, CLI_REFERENCE.path), "# Our own command line\n");
    const pages = generateDocs({ root: dir, cache: false });
    expect(pages.has(CONFIGURATION_REFERENCE.path)).toBe(false);
    expect(pages.has(CLI_REFERENCE.path)).toBe(false);
    expect(cli(["--root", dir, "--check"]).code).toBe(0);
    expect(readFileSync(join(dir, CLI_REFERENCE.path), "utf8")).toBe("# Our own command line\n");
  });
});
