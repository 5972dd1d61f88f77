import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { layOutDeclaration } from "../../../tools/checker/index.js";
import { runDocsCli } from "../../../tools/docs/cli.js";
import { parse } from "yaml";
import { pageTitles } from "../../../tools/docs/collect.js";
import { generateDocs } from "../../../tools/docs/generate.js";
import { GENERATED_MARKER } from "../../../tools/docs/markdown.js";
import { CARD_HEADINGS, type CardHeading, KEY_TERMS, SECTION_EXPLANATIONS } from "../../../tools/docs/sections.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../../..");
const fixture = join(repository, "test/fixtures/docs/ledger");
const CARD = "docs/spine/drivers/ledger.md";

function cli(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = runDocsCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of the ledger fixture with its docs generated. */
function generatedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "spine-docs-"));
  copies.push(dir);
  cpSync(fixture, dir, { recursive: true });
  expect(cli(["--root", dir]).code).toBe(0);
  expect(cli(["--root", dir, "--check"])).toMatchObject({ code: 0, stdout: "docs up to date: 2 pages\n" });
  return dir;
}

function edit(dir: string, path: string, change: (text: string) => string): void {
  const file = join(dir, path);
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1] as string);
}

describe("npm run docs", () => {
  it("generates the fixture's pages exactly as the committed snapshot", async () => {
    const pages = generateDocs({ root: fixture, cache: false });
    expect([...pages.keys()]).toEqual(["docs/README.md", CARD]);
    for (const [path, content] of pages) {
      await expect(content).toMatchFileSnapshot(`./__snapshots__/ledger/${path}`);
    }
  });

  it("is deterministic and writes no absolute path", () => {
    const first = generateDocs({ root: fixture, cache: false });
    const second = generateDocs({ root: fixture, cache: false });
    expect([...second.entries()]).toEqual([...first.entries()]);
    for (const content of first.values()) {
      expect(content.startsWith(`${GENERATED_MARKER}\n`)).toBe(true);
      expect(content).not.toContain(repository);
      expect(content).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });

  it("shows the code's facts on the card: TSDoc, callers, violations, transaction analysis", () => {
    const card = generateDocs({ root: fixture, cache: false }).get(CARD) ?? "";
    expect(card).toContain("### `post(account: string, cents: number): Entry`\n\nPosts an entry to an account.\n\nThe caller owns the transaction.");
    expect(card).toContain("- `cents`: the amount, at most `MAX_CENTS`.");
    expect(card).toContain("- `LedgerLimitError`: when the amount is over the limit.");
    expect(card).toContain("**Callers:**\n- `api/refund.ts`\n- `spine/orchestrator/transfer.ts`");
    expect(card).toContain("Violations:      1");
    expect(card).toContain(
      '**Violations:**\n- `api/refund.ts:1:1 inbound-boundary api/refund.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger.js"): it matches forbidden_inbound`\n',
    );
    expect(card).toContain("- **Commits:** no\n- **Flushes:** no\n- **Rollbacks:** no");
  });

  it("gives every function a Returns line: the checker's return type, then the TSDoc @returns text", () => {
    const card = generateDocs({ root: fixture, cache: false }).get(CARD) ?? "";
    const returns = [...card.matchAll(/^### `(\w+)\(.*\n\n(?:[^#]*?\n\n)?\*\*Returns:\*\* (.*)$/gm)].map((match) => `${match[1]}: ${match[2]}`);
    expect(returns).toEqual(["balance: `number`", "isEntry: `value is Entry`", "post: `Entry`: the posted entry."]);
    const functions = [...card.matchAll(/^### `(\w+)\(/gm)].map((match) => match[1]);
    expect(functions).toEqual(["balance", "isEntry", "post"]);
  });

  it("shows types, enums, interfaces and constants as TypeScript declarations", () => {
    const card = generateDocs({ root: fixture, cache: false }).get(CARD) ?? "";
    const blocks = [...card.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((match) => match[1]);
    expect(blocks).toEqual([
      "type Page<T> = {\n  readonly items: readonly T[];\n  readonly next?: string;\n};",
      'declare enum Side {\n  Debit = "debit",\n  Credit = "credit"\n}',
      "interface Entry {\n  readonly account: string;\n  readonly cents: number;\n}",
      "declare const MAX_CENTS: 1000000;",
    ]);
    expect(card).toContain("### `Side` (enum)");
  });

  it("lays a one-line declaration out for the card, and leaves one that does not parse as it is", () => {
    expect(layOutDeclaration("interface Entry { readonly account: string; readonly cents: number }")).toBe(
      "interface Entry {\n  readonly account: string;\n  readonly cents: number;\n}",
    );
    expect(layOutDeclaration("type Broken = {")).toBe("type Broken = {");
  });

  it("explains every section in one line under its heading, and links the layer number to the key", () => {
    const pages = generateDocs({ root: fixture, cache: false });
    const card = pages.get(CARD) ?? "";
    for (const heading of headings(card)) {
      expect(card, heading).toContain(`## ${heading}\n\n*${SECTION_EXPLANATIONS[heading as CardHeading]}*\n\n`);
    }
    expect(headings(card)).toHaveLength(11);
    expect(card).toContain("**Layer:** L4 — fixture (driver) ([what L4 means](../../README.md#key))  \n");
    const index = pages.get("docs/README.md") ?? "";
    expect(index).toContain("\n## Key\n");
    for (const term of KEY_TERMS) expect(index).toContain(`- **${term.term}**: ${term.meaning}\n`);
    for (const heading of headings(card)) expect(index).toContain(`| ${heading} | `);
  });

  it("shows the Import Boundary as a contract has it: boundary and actual_imports at the top level, violations apart", () => {
    const card = generateDocs({ root: fixture, cache: false }).get(CARD) ?? "";
    const section = card.slice(card.indexOf("## Import Boundary"), card.indexOf("## L5 Pairing Declaration"));
    const yamlText = /```yaml\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
    const contract = parse(readFileSync(join(fixture, "contracts/drivers/ledger.contract.yaml"), "utf8")) as Record<string, unknown>;
    expect(parse(yamlText)).toEqual({ boundary: contract["boundary"], actual_imports: contract["actual_imports"] });
    expect(yamlText).toBe("boundary:\n  allowed_inbound:\n    - spine/orchestrator/**\n  forbidden_inbound:\n    - api/**\n\nactual_imports:\n  internal: []\n  external: []");
  });

  it("says \"not declared\" for each optional section and field a minimal contract leaves out", () => {
    const dir = generatedCopy();
    writeFileSync(
      join(dir, "contracts/drivers/ledger.contract.yaml"),
      'placement:\n  file: spine/drivers/ledger.ts\nboundary:\n  allowed_inbound: [ "spine/orchestrator/**" ]\n  forbidden_inbound: [ "api/**" ]\n',
    );
    const pages = generateDocs({ root: dir, cache: false });
    const card = pages.get(CARD) ?? "";
    for (const line of [
      "**Layer:** not declared  \n",
      "Role:            not declared\nInbound:         not declared\nOutbound:        not declared\nTransaction:     not declared\nCross-domain:    not declared\nPurpose:         not declared\n",
      "## Purpose\n\n*What the module is for, in its contract's words.*\n\nNot declared.\n",
      "`transaction`: not declared, so the checker does not check this module's transaction control.\n",
      "`exports`: not declared, so the checker does not compare this module's exports with the contract (`--update` writes the section from the code).\n",
      "`actual_imports`: not declared, so the checker does not compare this module's imports with the contract (`--update` writes the section from the code).\n",
      "`pairing`: not declared.\n",
    ]) {
      expect(card).toContain(line);
    }
    expect(pages.get("docs/README.md")).toContain("| [spine/drivers/ledger.ts](spine/drivers/ledger.md) | not declared | not declared | not declared | 8 | 1 |\n");
  });

  it("titles a page with as many folders as tell its module from the others", () => {
    expect([...pageTitles(["spine/db/index.ts", "spine/orchestrator/index.ts", "spine/drivers/idempotency.ts", "a/x/run.ts", "b/x/run.ts"])]).toEqual([
      ["spine/db/index.ts", "db/index.ts"],
      ["spine/orchestrator/index.ts", "orchestrator/index.ts"],
      ["spine/drivers/idempotency.ts", "idempotency.ts"],
      ["a/x/run.ts", "a/x/run.ts"],
      ["b/x/run.ts", "b/x/run.ts"],
    ]);
  });

  it("keeps every section of the seed card, in the seed's order, on the repository's idempotency card", () => {
    const seed = readFileSync(join(repository, "test/fixtures/seed/idempotency-placement-card.md"), "utf8");
    const card = readFileSync(join(repository, "docs/spine/drivers/idempotency.md"), "utf8");
    expect(headings(seed)).toEqual([...CARD_HEADINGS]);
    expect(headings(card).filter((heading) => headings(seed).includes(heading))).toEqual(headings(seed));
    for (const line of ["**Path:** `spine/drivers/idempotency.ts`", "**Layer:** ", "**Component:** Drivers", "Transaction:     Forbidden", "- **Commits:** no"]) {
      expect(card).toContain(line);
    }
  });
});

describe("npm run check:docs", () => {
  it.each([
    ["a new TSDoc line", "spine/drivers/ledger.ts", (text: string) => text.replace(" * Posts an entry to an account.", " * Posts an entry to an account.\n * Entries are immutable."), "+ Entries are immutable."],
    ["a new export", "spine/drivers/ledger.ts", (text: string) => `${text}\n/** Voids an entry. */\nexport function voidEntry(entry: Entry): Entry {\n  return { ...entry, cents: 0 };\n}\n`, "+ ### `voidEntry(entry: Entry): Entry`"],
    ["a commit call", "spine/drivers/ledger.ts", (text: string) => `${text}\nexport function settle(trx: { commit(): void }): void {\n  trx.commit();\n}\n`, "+ - **Commits:** yes"],
    ["a contract change alone", "contracts/drivers/ledger.contract.yaml", (text: string) => text.replace("purpose: Ledger postings", "purpose: Double-entry ledger postings"), "+ Double-entry ledger postings"],
  ])("fails after %s, and passes again after npm run docs", (_label, path, change, expectedDiffLine) => {
    const dir = generatedCopy();
    edit(dir, path, change);
    const stale = cli(["--root", dir, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${CARD} is stale\n`);
    expect(stale.stderr).toContain(expectedDiffLine);
    expect(stale.stderr).toContain("Run `npm run docs`");
    expect(cli(["--root", dir]).code).toBe(0);
    expect(cli(["--root", dir, "--check"]).code).toBe(0);
  });

  it("fails on a missing card and on an orphan card, and npm run docs repairs both", () => {
    const dir = generatedCopy();
    rmSync(join(dir, CARD));
    const orphan = "docs/spine/drivers/retired.md";
    writeFileSync(join(dir, orphan), `${GENERATED_MARKER}\n# retired.ts\n`);
    writeFileSync(join(dir, "docs/notes.md"), "# Hand-written notes\n");
    const result = cli(["--root", dir, "--check"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${CARD} is missing`);
    expect(result.stderr).toContain(`${orphan} has no contract any more`);
    expect(cli(["--root", dir]).stdout).toContain(`deleted ${orphan}`);
    expect(existsSync(join(dir, orphan))).toBe(false);
    expect(readFileSync(join(dir, "docs/notes.md"), "utf8")).toBe("# Hand-written notes\n");
    expect(cli(["--root", dir, "--check"]).code).toBe(0);
  });

  it("exits 2 with file:line:col on a malformed contract", () => {
    const dir = generatedCopy();
    edit(dir, "contracts/drivers/ledger.contract.yaml", (text) => text.replace("  role: driver", "  role: [driver"));
    const result = cli(["--root", dir, "--check"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/contracts\/drivers\/ledger\.contract\.yaml:\d+:\d+/);
  });

  it("exits 2 on an unknown flag", () => {
    expect(cli(["--chek"]).code).toBe(2);
  });
});

describe("npm run graph", () => {
  it("says what to install when graphviz is missing, with exit code 2", async () => {
    const bin = mkdtempSync(join(tmpdir(), "spine-nodot-"));
    copies.push(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const outcome = await exec(process.execPath, ["--import", "tsx", "tools/docs/graph.ts"], { cwd: repository, env: { ...process.env, PATH: bin } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("apt-get install graphviz");
  });
});
