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
 * - Declarations (every block of a page `npm run docs` generates: exported
 *   types, interfaces, enums and constants as `type X = …;`,
 *   `interface X { … }`, `declare const X: T;`) compile as an ES module too,
 *   with every other name the packages export, and knex's `Knex`, in scope:
 *   a reader can name each type shown. Each declaration must also be the
 *   same type as the documented module's export of that name (assignable
 *   both ways; `typeof` for a constant), so a page cannot show a type that
 *   differs from the code's.
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
declare function enqueue(trx: import("knex").Knex.Transaction, run: import("spine-runtime").Run): Promise<void>;
declare const idempotency: import("spine-runtime").Idempotency;
declare function createOrder(body: unknown): { readonly id: string };
declare function summarise(goal: string, signal: AbortSignal): Promise<string>;
declare function tenantOf(request: unknown): string | null;
`;

/** The runtime's entry points, whose exported names are in scope of type expressions (first entry wins a name). */
const ENTRY_POINTS = ["spine-runtime", "spine-runtime/driver", "spine-runtime/express", "spine-runtime/fastify"];

/** One fenced ```ts block. */
interface CodeBlock {
  /** The Markdown file, relative to the repository. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  readonly code: string;
  readonly kind: "example" | "declaration";
}

/** The Markdown files a reader sees: README.md, docs/**, and each package's README.md. */
async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(repository, "docs"), { recursive: true })).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
  return ["README.md", "spine/README.md", "tools/README.md", ...docs.sort()];
}

/** The ```ts and ```typescript blocks of a Markdown text. */
function tsBlocks(file: string, markdown: string): CodeBlock[] {
  const kind = markdown.startsWith(GENERATED_MARKER) ? "declaration" : "example";
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

/** A name a declaration block declares, and whether it is a value (`declare const`) and generic. */
interface Declared {
  readonly name: string;
  readonly value: boolean;
  /** Types with type parameters and enums are compiled but not compared (they cannot be named without arguments, or are nominal). */
  readonly comparable: boolean;
}

/** The top-level names a block declares, read with the TypeScript parser. */
function declaredNames(code: string): Declared[] {
  const file = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return file.statements.flatMap((statement): Declared[] => {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      return [{ name: statement.name.text, value: false, comparable: statement.typeParameters === undefined }];
    }
    if (ts.isEnumDeclaration(statement)) return [{ name: statement.name.text, value: false, comparable: false }];
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [{ name: d.name.text, value: true, comparable: true }] : []));
    }
    return [];
  });
}

/**
 * The built module a generated page documents, as a block file imports it:
 * `docs/spine/db/run.md` documents `spine/db/run.ts`, built to
 * `node_modules/spine-runtime/dist/db/run.js` of the scratch project.
 */
function documentedModule(page: string): string | undefined {
  const source = /^docs\/spine\/(.+)\.md$/.exec(page)?.[1];
  return source === undefined ? undefined : `../node_modules/spine-runtime/dist/${source}.js`;
}

/** The lines that fail to compile unless each comparable declared name is the same type as the documented module's export of that name. */
function sameTypeChecks(declared: readonly Declared[], module: string | undefined): string[] {
  const checks = declared.filter((d) => d.comparable);
  if (checks.length === 0 || module === undefined) return [];
  return [
    "type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    ...checks.map((d) => `import type { ${d.name} as Package_${d.name} } from "${module}";`),
    ...checks.map((d) => (d.value ? `export const same_${d.name}: SameType<typeof ${d.name}, typeof Package_${d.name}> = true;` : `export const same_${d.name}: SameType<${d.name}, Package_${d.name}> = true;`)),
  ];
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
  // Blocks that must fail: an example with an error at a known line (errors are found and placed), and
  // declarations that compile but differ from the package's type (a page cannot misstate a type).
  const selfTest: CodeBlock = { file: "(self-test)", line: 10, code: 'import { createDb } from "spine-runtime";\nconst db: string = createDb("");', kind: "example" };
  const wrongType: CodeBlock = { file: "docs/spine/orchestrator/submit-run.md", line: 20, code: 'type SubmitDecision = "created" | "replayed";', kind: "declaration" };
  const wrongConstant: CodeBlock = { file: "docs/spine/drivers/idempotency.md", line: 30, code: "declare const MAX_KEY_LENGTH: 256;", kind: "declaration" };
  const selfTests = [selfTest, wrongType, wrongConstant];
  let project = "";
  const errors = new Map<CodeBlock, string[]>();
  /** The generated declarations compared with the documented module's export, and those that are not (generic types, enums, pages of no spine-runtime module). */
  const compared: string[] = [];
  const notCompared: string[] = [];
  /** Generic types and enums: compiled, but not comparable without type arguments. */
  const generic: string[] = [];

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "spine-code-blocks-"));
    const installed = join(project, "node_modules/spine-runtime");
    await exec(process.execPath, [join(repository, "node_modules/typescript/bin/tsc"), "-p", "spine/tsconfig.build.json", "--outDir", join(installed, "dist")], {
      cwd: repository,
      timeout: 120_000,
    });
    await writeFile(join(installed, "package.json"), await readFile(join(repository, "spine/package.json")));
    // Every package of the repository but the workspaces (knex, pg, express, fastify and what their types import).
    for (const name of await readdir(join(repository, "node_modules"))) {
      if (!["spine-runtime", "spine-check", ".bin", ".package-lock.json"].includes(name)) await symlink(join(repository, "node_modules", name), join(project, "node_modules", name));
    }
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "code-blocks", private: true, type: "module" }));
    await writeFile(join(project, "prelude.d.ts"), PRELUDE);
    await mkdir(join(project, "blocks"));

    // The generated pages document internal modules too: their names come from the built modules themselves, after the entries'.
    const internal = (await readdir(join(installed, "dist"), { recursive: true }))
      .filter((file) => file.endsWith(".js") && !file.includes("migrations"))
      .sort()
      .map((file) => join(installed, "dist", file));
    const exportsProbe = join(project, "exports-probe.ts");
    await writeFile(exportsProbe, [...ENTRY_POINTS, ...internal].map((entry, index) => `export * as entry${index} from "${entry}";\n`).join(""));
    const probe = ts.createProgram([exportsProbe], COMPILER_OPTIONS);
    const exported = new Map<string, string>([["Knex", "knex"]]);
    for (const entry of [...ENTRY_POINTS, ...internal]) {
      for (const name of exportedNames(probe, exportsProbe, entry)) if (!exported.has(name)) exported.set(name, entry);
    }
    /** Imports every exported name but the ones a block declares itself, grouped by module. */
    const importsBut = (declared: readonly Declared[]): string[] => {
      const own = new Set(declared.map((d) => d.name));
      const byModule = new Map<string, string[]>();
      for (const [name, from] of exported) if (!own.has(name)) byModule.set(from, [...(byModule.get(from) ?? []), name]);
      // The type checker prints some of knex's types through its default export (`knex.Knex.Logger`).
      return ['import type knex from "knex";', ...[...byModule].map(([from, names]) => `import type { ${names.join(", ")} } from "${from}";`)];
    };

    const files = new Map<string, { block: CodeBlock; firstLine: number }>();
    for (const [index, block] of [...blocks, ...selfTests].entries()) {
      const file = join(project, "blocks", `block-${index}.ts`);
      const declared = block.kind === "declaration" ? declaredNames(block.code) : [];
      const header = block.kind === "declaration" ? importsBut(declared) : [];
      const module = documentedModule(block.file);
      const footer = [...(block.kind === "declaration" ? sameTypeChecks(declared, module) : []), "export {};"];
      if (block.kind === "declaration" && !selfTests.includes(block)) {
        for (const d of declared) (module === undefined ? notCompared : d.comparable ? compared : generic).push(`${block.file}:${block.line} ${d.name}`);
      }
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

  it("finds the README's example and the generated declarations", () => {
    expect(blocks.filter((block) => block.file === "README.md" && block.kind === "example").length).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.kind === "declaration").length).toBeGreaterThan(0);
    for (const block of blocks.filter((b) => b.kind === "declaration")) expect(declaredNames(block.code), `${block.file}:${block.line}`).toHaveLength(1);
  });

  it("reports an error at its line in the Markdown file", () => {
    expect(errors.get(selfTest)).toEqual(["(self-test):12: TS2322 Type 'Knex<any, any[]>' is not assignable to type 'string'."]);
  });

  it("fails a declaration that is not the package's type", () => {
    expect(errors.get(wrongType)).toEqual(["docs/spine/orchestrator/submit-run.md:24: TS2322 Type 'true' is not assignable to type 'false'."]);
    expect(errors.get(wrongConstant)).toEqual(["docs/spine/drivers/idempotency.md:34: TS2322 Type 'true' is not assignable to type 'false'."]);
  });

  it("compares every generated declaration with the documented module's export", () => {
    expect(notCompared).toEqual([]);
    expect(compared.length + generic.length).toBe(blocks.filter((block) => block.kind === "declaration").length);
    expect(generic.every((entry) => / IdempotentOptions$/.test(entry))).toBe(true);
  });

  it.each(blocks.map((block) => [`${block.file}:${block.line} (${block.kind})`, block] as const))("%s compiles", (_name, block) => {
    expect(errors.get(block)).toEqual([]);
  });
});
