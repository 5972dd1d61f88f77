/**
 * The fuzzer's mutations of a fixture repository: each is a plain value
 * (printable, and shrinkable by fast-check) that {@link applyMutation} lays
 * over a copy of the base fixture. They break the files spine-check reads,
 * as a new user's repository or an attacker's pull request could:
 * truncation, wrong types, unknown keys, deep nesting, huge strings, control
 * characters, odd encodings, alias bombs, and the file system itself
 * (symbolic links, FIFOs, directories where files are expected, names that
 * are not UTF-8, files that root cannot write, docs pages that are links,
 * FIFOs or folders).
 */
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { CACHE_DIR } from "../../../../tools/checker/cache/store.js";

/** The files of the base fixture a mutation can aim at. */
export const TARGETS = {
  contract: "contracts/drivers/ledger.contract.yaml",
  project: "contracts/project.yaml",
  tsconfig: "tsconfig.json",
  manifest: "package.json",
  driver: "spine/drivers/ledger.ts",
  helper: "spine/db/index.ts",
  service: "spine/services/billing.ts",
  route: "api/health.ts",
} as const;

/** A file a mutation aims at. */
export type Target = keyof typeof TARGETS;

/** The targets that hold YAML or JSON data (structured mutations apply to them). */
export type DataTarget = "contract" | "project" | "tsconfig" | "manifest";

/** What a file is replaced with on the file system. */
export type Replacement =
  | "directory"
  | "fifo"
  | "empty"
  | "symlink-to-itself"
  | "dangling-symlink"
  | "symlink-to-dev-zero"
  | "symlink-out-of-tree"
  | "symlink-into-tree";

/** A change to the tree around the files. */
export type TreeChange =
  | "loop-to-parent"
  | "loop-to-root"
  | "symlinked-source-folder"
  | "fifo-source"
  | "name-not-utf8"
  | "name-with-newline"
  | "long-name"
  | "deep-folders"
  | "cache-is-a-file"
  | "contracts-is-a-file"
  | "contract-folder-named-like-a-contract"
  | "immutable-contract"
  | "docs-page-fifo"
  | "docs-page-directory"
  | "docs-page-symlink"
  | "docs-folder-symlink";

/** One mutation. */
export type Mutation =
  | { readonly kind: "truncate"; readonly target: Target; readonly at: number }
  | { readonly kind: "insert"; readonly target: Target; readonly at: number; readonly text: string }
  | { readonly kind: "encode"; readonly target: Target; readonly encoding: "utf16le" | "latin1" | "random-bytes" | "invalid-utf8" | "bom" | "crlf" }
  | { readonly kind: "huge"; readonly target: Target; readonly bytes: number }
  | { readonly kind: "nest"; readonly target: Target; readonly depth: number }
  | { readonly kind: "set"; readonly target: DataTarget; readonly path: readonly (string | number)[]; readonly value: unknown }
  | { readonly kind: "delete"; readonly target: DataTarget; readonly path: readonly (string | number)[] }
  | { readonly kind: "alias-bomb"; readonly target: "contract" | "project"; readonly levels: number; readonly width: number }
  | { readonly kind: "plant"; readonly target: Target; readonly line: string }
  | { readonly kind: "replace"; readonly target: Target; readonly with: Replacement }
  | { readonly kind: "tree"; readonly change: TreeChange };

/** How big the generated inputs may get: `quick` for the test suite, `full` for `npm run fuzz`. */
export type Scale = "quick" | "full";

const DATA_TARGETS: readonly DataTarget[] = ["contract", "project", "tsconfig", "manifest"];
const ALL_TARGETS = Object.keys(TARGETS) as Target[];

/** Paths into the data of each structured target that its reader looks at. */
const DATA_PATHS: Readonly<Record<DataTarget, readonly (readonly (string | number)[])[]>> = {
  contract: [
    [],
    ["placement"],
    ["placement", "file"],
    ["placement", "transaction"],
    ["placement", "inbound"],
    ["exports"],
    ["exports", "functions"],
    ["exports", "functions", 0],
    ["exports", "functions", 0, "name"],
    ["exports", "functions", 0, "signature"],
    ["exports", "protocols", 0, "definition"],
    ["exports", "constants", 0, "consumers"],
    ["boundary"],
    ["boundary", "allowed_inbound"],
    ["boundary", "allowed_inbound", 0],
    ["boundary", "forbidden_inbound", 0],
    ["actual_imports", "internal"],
    ["actual_imports", "internal", 0],
    ["pairing"],
    ["unknown_section"],
    ["placement", "unknown_key"],
  ],
  project: [
    [],
    ["tsconfig"],
    ["scan"],
    ["scan", "include"],
    ["scan", "include", 0],
    ["scan", "exclude", 0],
    ["type_imports"],
    ["coverage"],
    ["coverage", 0],
    ["layers"],
    ["layers", 0],
    ["layers", 0, "name"],
    ["layers", 0, "from", 0],
    ["layers", 0, "forbidden", 0],
    ["layers", 0, "reason"],
    ["limits"],
    ["unknown_key"],
  ],
  tsconfig: [
    [],
    ["compilerOptions"],
    ["compilerOptions", "paths"],
    ["compilerOptions", "paths", "@drivers/*"],
    ["compilerOptions", "paths", "@drivers/*", 0],
    ["compilerOptions", "baseUrl"],
    ["compilerOptions", "moduleResolution"],
    ["compilerOptions", "module"],
    ["extends"],
    ["references"],
    ["references", 0, "path"],
    ["files"],
    ["include"],
  ],
  manifest: [[], ["imports"], ["imports", "#drivers/*"], ["exports"], ["type"], ["name"], ["workspaces"]],
};

/** Strings that path-like keys of the contracts and the tsconfig are known to mishandle when unchecked. */
const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "\u0007\u001b[31mred\u001b[0m",
  "\r\n",
  "spine/drivers/ledger.ts",
  "spine/./drivers/ledger.ts",
  "spine//drivers/ledger.ts",
  "spine",
  "spine/drivers",
  "contracts",
  "../../../../../../dev/zero",
  "../../../../../../etc/passwd",
  "/etc/passwd",
  "/dev/zero",
  "C:\\Windows",
  "spine/{drivers",
  "spine/drivers}/**",
  "spine/[a-",
  "spine/(?:x",
  "**/**/**/**/**/**/**/**/**/**/**/**/**/x",
  "*a*a*a*a*a*a*a*a*a*a*a*a*b",
  "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j}}}}}}}}}}",
  "./tsconfig.json",
  "tsconfig.json",
  "package.json",
  "node_modules/typescript/package.json",
  "@drivers/*",
  "*",
  "**",
  "é/ünïcödé/日本/🙂.ts",
  "forbidden",
  "allowed",
  "count",
  "exempt",
  "-1",
  "1e309",
  "NaN",
];

/** Structured values: wrong types, nasty strings, huge and deeply nested ones. */
function valueArbitrary(scale: Scale): fc.Arbitrary<unknown> {
  const huge = scale === "quick" ? 20_000 : 2_000_000;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, [], {}) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: huge }).map((n) => "x".repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => nested(n)) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>(...NASTY_STRINGS), { maxLength: 30 }) },
  );
}

/** A value nested `depth` levels deep (arrays in objects). */
function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { k: value };
  return value;
}

/** Lines planted in a source file: imports of every form, with odd specifiers. */
const PLANTED_LINES: readonly string[] = [
  'import { post } from "../spine/drivers/ledger.js";',
  'import { post } from "@drivers/ledger.js";',
  'import "#drivers/ledger.js";',
  'export * from "../spine/drivers/ledger.js";',
  'const m = await import("../spine/drivers/ledger.js");',
  'const r = require("../spine/drivers/ledger.js");',
  'import x = require("../spine/drivers/ledger.js");',
  'import("" + Math.random());',
  'require(`./${name}`);',
  'import {} from "";',
  'import "\\u0000";',
  `import "${"../".repeat(200)}etc/passwd";`,
  `import "./${"a".repeat(5000)}.js";`,
  'import "./missing.js";',
  'import "node:fs";',
  'import "#missing";',
  'import "@drivers/../../../../x";',
  'import "./weird\nname.js";',
  'export { default } from "./health.js";',
  'export { routes as default } from "./health.js";',
  'import type { Entry } from "../spine/drivers/ledger.js";',
  'type T = typeof import("../spine/drivers/ledger.js");',
  "await trx.commit();",
  'await trx.query("COMMIT");',
  "const { rollback } = trx;",
  "import(",
  "/*",
  "`${",
  "<div>{</div>",
  "@decorator class",
  "\u2028\u2029",
  "\uFEFF",
  "\uD800",
];

function ratio(): fc.Arbitrary<number> {
  return fc.double({ min: 0, max: 1, noNaN: true });
}

/** Every mutation, at the given scale. */
export function mutationArbitrary(scale: Scale): fc.Arbitrary<Mutation> {
  const target = fc.constantFrom(...ALL_TARGETS);
  const dataTarget = fc.constantFrom(...DATA_TARGETS);
  const hugeBytes = scale === "quick" ? fc.constantFrom(50_000, 300_000) : fc.constantFrom(50_000, 1_100_000, 5_000_000, 16_000_000);
  const depth = scale === "quick" ? fc.constantFrom(10, 200, 5_000) : fc.constantFrom(10, 200, 5_000, 100_000);
  const structured = dataTarget.chain((t) =>
    fc.oneof(
      fc.record({ kind: fc.constant("set" as const), target: fc.constant(t), path: fc.constantFrom(...DATA_PATHS[t]), value: valueArbitrary(scale) }),
      fc.record({ kind: fc.constant("delete" as const), target: fc.constant(t), path: fc.constantFrom(...DATA_PATHS[t].filter((p) => p.length > 0)) }),
    ),
  );
  return fc.oneof(
    { weight: 6, arbitrary: structured },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), target, at: ratio() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("insert" as const),
        target,
        at: ratio(),
        text: fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom(":", "- ", "{", "[", "&a", "*a", "!!binary", "%YAML 1.1", "---", "\t", "'", '"', "\\", "\u0000", "\u0085")),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("encode" as const),
        target,
        encoding: fc.constantFrom("utf16le" as const, "latin1" as const, "random-bytes" as const, "invalid-utf8" as const, "bom" as const, "crlf" as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge" as const), target, bytes: hugeBytes }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("nest" as const), target, depth }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("alias-bomb" as const),
        target: fc.constantFrom("contract" as const, "project" as const),
        levels: fc.integer({ min: 2, max: 12 }),
        width: fc.integer({ min: 2, max: 12 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("plant" as const), target: fc.constantFrom<Target>("route", "service", "driver", "helper"), line: fc.constantFrom(...PLANTED_LINES) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("replace" as const),
        target,
        with: fc.constantFrom<Replacement>(
          "directory",
          "fifo",
          "empty",
          "symlink-to-itself",
          "dangling-symlink",
          "symlink-to-dev-zero",
          "symlink-out-of-tree",
          "symlink-into-tree",
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("tree" as const),
        change: fc.constantFrom<TreeChange>(
          "loop-to-parent",
          "loop-to-root",
          "symlinked-source-folder",
          "fifo-source",
          "name-not-utf8",
          "name-with-newline",
          "long-name",
          "deep-folders",
          "cache-is-a-file",
          "contracts-is-a-file",
          "contract-folder-named-like-a-contract",
          "immutable-contract",
          "docs-page-fifo",
          "docs-page-directory",
          "docs-page-symlink",
          "docs-folder-symlink",
        ),
      }),
    },
  );
}

/** A mutation on one line, for reports. */
export function describeMutation(mutation: Mutation): string {
  return JSON.stringify(mutation, (_key, value: unknown) => (typeof value === "string" && value.length > 60 ? `${value.slice(0, 40)}…(${value.length} chars)` : value));
}

/** The text of a regular file (never of a FIFO, which would block, or through a symbolic link). */
function readText(path: string): string {
  if (!lstatSync(path).isFile()) throw new Error(`${path} is not a regular file`);
  return readFileSync(path, "utf8");
}

function setIn(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: Record<string | number, unknown> = typeof data === "object" && data !== null ? (data as Record<string | number, unknown>) : {};
  container[head] = setIn(container[head], rest, value);
  return container;
}

function deleteIn(data: unknown, path: readonly (string | number)[]): unknown {
  if (typeof data !== "object" || data === null || path.length === 0) return data;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = data as Record<string | number, unknown>;
  if (rest.length === 0) {
    if (Array.isArray(container) && typeof head === "number") container.splice(head, 1);
    else delete container[head];
  } else {
    deleteIn(container[head], rest);
  }
  return data;
}

/** Reads a data target, changes its data and writes it back; a target that no longer parses is left alone. */
function editData(file: string, target: DataTarget, edit: (data: unknown) => unknown): void {
  const yaml = target === "contract" || target === "project";
  let data: unknown;
  try {
    data = yaml ? parseYaml(readText(file)) : JSON.parse(readText(file));
  } catch {
    return;
  }
  const next = edit(data);
  writeFileSync(file, yaml ? stringifyYaml(next, { aliasDuplicateObjects: false }) : JSON.stringify(next, null, 2));
}

/** Bytes of a text in an odd encoding. */
function encoded(text: string, encoding: Extract<Mutation, { kind: "encode" }>["encoding"], seed: number): Buffer {
  switch (encoding) {
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "latin1":
      return Buffer.from(`${text}\n// caf\u00e9 na\u00efve \u00a9\n`, "latin1");
    case "invalid-utf8":
      return Buffer.concat([Buffer.from(text.slice(0, text.length >> 1)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff]), Buffer.from(text.slice(text.length >> 1))]);
    case "bom":
      return Buffer.from(`\uFEFF${text}`);
    case "crlf":
      return Buffer.from(text.replace(/\n/g, "\r\n"));
    case "random-bytes": {
      const bytes = Buffer.alloc(4096);
      let state = seed >>> 0 || 1;
      for (let i = 0; i < bytes.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        bytes[i] = state & 0xff;
      }
      return bytes;
    }
  }
}

/** Text nested `depth` levels, in the syntax of the target. */
function nestedText(target: Target, depth: number): string {
  if (target === "contract" || target === "project") return `deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
  if (target === "tsconfig" || target === "manifest") return `{"deep": ${"[".repeat(depth)}${"]".repeat(depth)}}`;
  return `export const deep = ${"(".repeat(depth)}1${")".repeat(depth)};\nexport const sum = ${Array.from({ length: depth }, () => "1").join(" + ")};\n`;
}

/** Whether `chattr` can make a file immutable here (root, a file system that supports it). */
let chattrWorks: boolean | undefined;
function canChattr(probe: string): boolean {
  if (chattrWorks === undefined) {
    try {
      writeFileSync(probe, "");
      execFileSync("chattr", ["+i", probe], { stdio: "ignore" });
      execFileSync("chattr", ["-i", probe], { stdio: "ignore" });
      chattrWorks = true;
    } catch {
      chattrWorks = false;
    }
    rmSync(probe, { force: true });
  }
  return chattrWorks;
}

/** Files made immutable by {@link applyMutation}: `chattr -i` them before removing the repository. */
export const IMMUTABLE_FILES = new Set<string>();

/** Undoes `chattr +i` on the files of `root` that a mutation made immutable. */
export function releaseImmutable(root: string): void {
  for (const file of IMMUTABLE_FILES) {
    if (!file.startsWith(`${root}/`)) continue;
    try {
      execFileSync("chattr", ["-i", file], { stdio: "ignore" });
    } catch {
      // Gone already.
    }
    IMMUTABLE_FILES.delete(file);
  }
}

/** The folder beside a mutated tree that links out of the tree point into (removed with the tree). */
export function outsideOf(root: string): string {
  return `${root}.outside`;
}

function replaceFile(root: string, file: string, replacement: Replacement): void {
  rmSync(file, { recursive: true, force: true });
  mkdirSync(dirname(file), { recursive: true });
  switch (replacement) {
    case "directory":
      mkdirSync(join(file, "inner"), { recursive: true });
      return;
    case "fifo":
      execFileSync("mkfifo", [file]);
      return;
    case "empty":
      writeFileSync(file, "");
      return;
    case "symlink-to-itself":
      symlinkSync(file, file);
      return;
    case "dangling-symlink":
      symlinkSync(join(root, "no-such-file"), file);
      return;
    case "symlink-to-dev-zero":
      symlinkSync("/dev/zero", file);
      return;
    case "symlink-out-of-tree": {
      // Out of the tree, but into a folder of the fuzzer's own (removed with the tree): nothing of the machine's is ever at risk.
      const outside = outsideOf(root);
      mkdirSync(outside, { recursive: true });
      writeFileSync(join(outside, "target.ts"), "export const outside = 1;\n");
      symlinkSync(join(outside, "target.ts"), file);
      return;
    }
    case "symlink-into-tree":
      symlinkSync(join(root, TARGETS.helper), file);
      return;
  }
}

function changeTree(root: string, change: TreeChange): void {
  switch (change) {
    case "loop-to-parent":
      mkdirSync(join(root, "weird"), { recursive: true });
      symlinkSync("..", join(root, "weird/loop"));
      return;
    case "loop-to-root":
      symlinkSync(root, join(root, "spine/services/root"));
      return;
    case "symlinked-source-folder":
      symlinkSync(join(root, "spine/drivers"), join(root, "api/drivers"));
      return;
    case "fifo-source":
      execFileSync("mkfifo", [join(root, "api/pipe.ts")]);
      return;
    case "name-not-utf8":
      writeFileSync(Buffer.concat([Buffer.from(`${root}/api/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from(".ts")]), 'import "../spine/drivers/ledger.js";\n');
      return;
    case "name-with-newline":
      writeFileSync(join(root, "api/new\nline.ts"), 'import "../spine/drivers/ledger.js";\n');
      return;
    case "long-name":
      writeFileSync(join(root, `api/${"n".repeat(250)}.ts`), 'import "../spine/drivers/ledger.js";\n');
      return;
    case "deep-folders": {
      const deep = join(root, "api", ...Array.from({ length: 60 }, (_, i) => `d${i}`));
      mkdirSync(deep, { recursive: true });
      writeFileSync(join(deep, "deep.ts"), `import "${"../".repeat(61)}spine/drivers/ledger.js";\n`);
      return;
    }
    case "cache-is-a-file":
      mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
      writeFileSync(join(root, CACHE_DIR), "not a folder");
      return;
    case "contracts-is-a-file":
      rmSync(join(root, "contracts"), { recursive: true, force: true });
      writeFileSync(join(root, "contracts"), "not a folder");
      return;
    case "contract-folder-named-like-a-contract":
      mkdirSync(join(root, "contracts/drivers/folder.contract.yaml"), { recursive: true });
      return;
    case "docs-page-fifo":
      mkdirSync(join(root, "docs"), { recursive: true });
      execFileSync("mkfifo", [join(root, "docs/README.md")]);
      return;
    case "docs-page-directory":
      mkdirSync(join(root, "docs/README.md/inner"), { recursive: true });
      return;
    case "docs-page-symlink":
      // A page linked to a file of the tree (never outside it: a writer that follows it must harm nothing).
      mkdirSync(join(root, "docs"), { recursive: true });
      symlinkSync("../api/health.ts", join(root, "docs/README.md"));
      return;
    case "docs-folder-symlink":
      mkdirSync(join(root, "elsewhere"), { recursive: true });
      mkdirSync(join(root, "docs"), { recursive: true });
      symlinkSync("../elsewhere", join(root, "docs/spine"));
      return;
    case "immutable-contract": {
      const file = join(root, TARGETS.contract);
      if (!canChattr(join(root, ".chattr-probe"))) return;
      execFileSync("chattr", ["+i", file], { stdio: "ignore" });
      IMMUTABLE_FILES.add(file);
      return;
    }
  }
}

/**
 * Applies a mutation to the repository at `root` (a copy of the base
 * fixture). A mutation whose target an earlier one already removed or made
 * unparseable does nothing.
 * @param seed - feeds the random bytes of `random-bytes`.
 */
export function applyMutation(root: string, mutation: Mutation, seed = 1): void {
  if (mutation.kind === "tree") return changeTree(root, mutation.change);
  const file = join(root, TARGETS[mutation.target]);
  if (mutation.kind === "replace") return replaceFile(root, file, mutation.with);
  let text: string;
  try {
    text = readText(file);
  } catch {
    return;
  }
  switch (mutation.kind) {
    case "set":
      return editData(file, mutation.target, (data) => setIn(data, mutation.path, mutation.value));
    case "delete":
      return editData(file, mutation.target, (data) => deleteIn(data, mutation.path));
    case "truncate":
      return writeFileSync(file, text.slice(0, Math.floor(text.length * mutation.at)));
    case "insert": {
      const at = Math.floor(text.length * mutation.at);
      return writeFileSync(file, text.slice(0, at) + mutation.text + text.slice(at));
    }
    case "encode":
      return writeFileSync(file, encoded(text, mutation.encoding, seed));
    case "huge": {
      const yaml = mutation.target === "contract" || mutation.target === "project";
      const json = mutation.target === "tsconfig" || mutation.target === "manifest";
      const filler = "x".repeat(mutation.bytes);
      if (yaml) return writeFileSync(file, `${text}\nhuge: "${filler}"\n`);
      if (json) return writeFileSync(file, `{"huge": "${filler}", "rest": ${text.trim() === "" ? "null" : text}}`);
      return writeFileSync(file, `${text}\nexport const huge = "${filler}";\n`);
    }
    case "nest":
      if (mutation.target === "contract" || mutation.target === "project") return writeFileSync(file, `${text}\n${nestedText(mutation.target, mutation.depth)}`);
      return writeFileSync(file, mutation.target === "tsconfig" || mutation.target === "manifest" ? nestedText(mutation.target, mutation.depth) : `${text}\n${nestedText(mutation.target, mutation.depth)}`);
    case "alias-bomb": {
      const lines = [`a0: &a0 [${Array.from({ length: mutation.width }, () => '"lol"').join(", ")}]`];
      for (let level = 1; level < mutation.levels; level++) {
        lines.push(`a${level}: &a${level} [${Array.from({ length: mutation.width }, () => `*a${level - 1}`).join(", ")}]`);
      }
      return writeFileSync(file, `${text}\n${lines.join("\n")}\n`);
    }
    case "plant":
      return writeFileSync(file, `${mutation.line}\n${text}`);
  }
}
