/**
 * Every ```ts block of the Markdown a reader sees (README.md, docs/, and the
 * packages' README.md) compiles against the built packages, imported by
 * package name as a consumer imports them: spine-runtime is built with its own
 * build config into a scratch project's node_modules, next to the repository's
 * knex, pg and @types/node. One test per block, named `file:line` of its
 * opening fence; a failure lists each error at its line in the Markdown file.
 *
 * Two kinds of block:
 * - Examples (every block of a hand-written page) compile as an ES module in
 *   strict mode, with top-level await. What an example takes from the
 *   reader's own application (the web framework's `app`, `req` and `res`, a
 *   `key`, `fingerprint` or `goal`, an `enqueue` function) is declared in
 *   {@link PRELUDE}, which every example sees: use these names, or add one
 *   there, rather than declaring stand-ins inside a block.
 * - Type expressions (every block of a page `npm run docs` generates: the
 *   definitions of exported types and constants, as the TypeScript checker
 *   prints them) compile as `type Block = (…)` with every name the packages
 *   export, and knex's `Knex`, in scope: a reader can name each type shown.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED_MARKER } from "../../tools/docs/markdown.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "../..");

/**
 * Ambient stand-ins for what the examples take from the reader's application
 * and web framework (Express-like). Declared once, seen by every example.
 */
const PRELUDE = `
interface ExampleRequest {
  header(name: string): string | undefined;
  readonly body: unknown;
  readonly user: { readonly tenantId: string };
}
interface ExampleResponse {
  status(code: number): ExampleResponse;
  json(body: unknown): ExampleResponse;
}
declare const app: { post(path: string, handler: (req: ExampleRequest, res: ExampleResponse) => Promise<unknown>): void };
declare const key: string;
declare const fingerprint: string;
declare const goal: string;
declare function enqueue(trx: import("knex").Knex.Transaction, run: import("spine-runtime/db").Run): Promise<void>;
`;

/** The runtime's entry points, whose exported names are in scope of type expressions. */
const ENTRY_POINTS = ["spine-runtime/db", "spine-runtime/drivers/idempotency", "spine-runtime/orchestrator"];

/** One fenced ```ts block. */
interface CodeBlock {
  /** The Markdown file, relative to the repository. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  readonly code: string;
  readonly kind: "example" | "type";
}

/** The Markdown files a reader sees: README.md, docs/**, and each package's README.md. */
async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(repository, "docs"), { recursive: true })).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
  return ["README.md", "spine/README.md", "tools/README.md", ...docs.sort()];
}

/** The ```ts and ```typescript blocks of a Markdown text. */
function tsBlocks(file: string, markdown: string): CodeBlock[] {
  const kind = markdown.startsWith(GENERATED_MARKER) ? "type" : "example";
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[index] ?? "");
    if (open === null) continue;
    const fence = open[1] ?? "";
    const start = index;
    index += 1;
    while (index < lines.length && !(lines[index] ?? "").trimStart().startsWith(fence)) index += 1;
    if (["ts", "typescript"].includes((open[2] ?? "").toLowerCase())) {
      blocks.push({ file, line: start + 1, code: lines.slice(start + 1, index).join("\n"), kind });
    }
  }
  return blocks;
}

/** The names `entry` exports, read from its built declarations. */
function exportedNames(program: ts.Program, fromFile: string, entry: string): string[] {
  const checker = program.getTypeChecker();
  const resolved = ts.resolveModuleName(entry, fromFile, program.getCompilerOptions(), ts.sys).resolvedModule;
  const source = resolved === undefined ? undefined : program.getSourceFile(resolved.resolvedFileName);
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (symbol === undefined) throw new Error(`${entry} does not resolve from the scratch project`);
  return checker.getExportsOfModule(symbol).map((item) => item.getName());
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  types: ["node"],
  skipLibCheck: true,
};

describe("the code blocks of the Markdown pages", async () => {
  const blocks = (await Promise.all((await markdownFiles()).map(async (file) => tsBlocks(file, await readFile(join(repository, file), "utf8"))))).flat();
  // A block that must fail, at a known line: proves that errors are found and placed.
  const selfTest: CodeBlock = { file: "(self-test)", line: 10, code: 'import { createDb } from "spine-runtime/db";\nconst db: string = createDb("");', kind: "example" };
  let project = "";
  const errors = new Map<CodeBlock, string[]>();

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "spine-code-blocks-"));
    const installed = join(project, "node_modules/spine-runtime");
    await exec(process.execPath, [join(repository, "node_modules/typescript/bin/tsc"), "-p", "spine/tsconfig.build.json", "--outDir", join(installed, "dist")], {
      cwd: repository,
      timeout: 120_000,
    });
    await writeFile(join(installed, "package.json"), await readFile(join(repository, "spine/package.json")));
    for (const name of ["knex", "pg", "@types"]) await symlink(join(repository, "node_modules", name), join(project, "node_modules", name));
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "code-blocks", private: true, type: "module" }));
    await writeFile(join(project, "prelude.d.ts"), PRELUDE);
    await mkdir(join(project, "blocks"));

    const exportsProbe = join(project, "exports-probe.ts");
    await writeFile(exportsProbe, ENTRY_POINTS.map((entry, index) => `export * as entry${index} from "${entry}";\n`).join(""));
    const probe = ts.createProgram([exportsProbe], COMPILER_OPTIONS);
    const seen = new Set<string>();
    // The type checker prints some of knex's types through its default export (`knex.Knex.Logger`).
    const typeImports = ["import type knex from \"knex\";", "import type { Knex } from \"knex\";"];
    for (const entry of ENTRY_POINTS) {
      const names = exportedNames(probe, exportsProbe, entry).filter((name) => !seen.has(name));
      for (const name of names) seen.add(name);
      typeImports.push(`import type { ${names.join(", ")} } from "${entry}";`);
    }

    const files = new Map<string, { block: CodeBlock; firstLine: number }>();
    for (const [index, block] of [...blocks, selfTest].entries()) {
      const file = join(project, "blocks", `block-${index}.ts`);
      const header = block.kind === "type" ? [...typeImports, "export type Block = ("] : [];
      const footer = block.kind === "type" ? [");"] : ["export {};"];
      await writeFile(file, [...header, block.code, ...footer].join("\n"));
      files.set(file, { block, firstLine: header.length });
      errors.set(block, []);
    }
    const program = ts.createProgram([join(project, "prelude.d.ts"), ...files.keys()], COMPILER_OPTIONS);
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      const where = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
      if (diagnostic.file === undefined || where === undefined) {
        throw new Error(`the scratch project does not compile: ${diagnostic.file?.fileName ?? ""} TS${diagnostic.code} ${message}`);
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const markdownLine = where.block.line + 1 + (line - where.firstLine);
      errors.get(where.block)?.push(`${where.block.file}:${markdownLine}: TS${diagnostic.code} ${message}`);
    }
  }, 180_000);

  afterAll(async () => {
    if (project !== "") await rm(project, { recursive: true, force: true });
  });

  it("finds the README's example and the generated type definitions", () => {
    expect(blocks.filter((block) => block.file === "README.md" && block.kind === "example").length).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.kind === "type").length).toBeGreaterThan(0);
  });

  it("reports an error at its line in the Markdown file", () => {
    expect(errors.get(selfTest)).toEqual(["(self-test):12: TS2322 Type 'Knex<any, any[]>' is not assignable to type 'string'."]);
  });

  it.each(blocks.map((block) => [`${block.file}:${block.line} (${block.kind})`, block] as const))("%s compiles", (_name, block) => {
    expect(errors.get(block)).toEqual([]);
  });
});
