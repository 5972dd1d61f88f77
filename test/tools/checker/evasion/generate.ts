/**
 * The evasion generator: from the rule registry, variants of each forbidden
 * form a rule must catch (import forms × specifier spellings × re-export
 * chains, transaction call forms × SQL spellings, computed imports), each
 * with its clean twin (the same form where it is allowed, or a near miss),
 * as files to plant in a copy of the base fixture (`run.ts` plants them and
 * runs the engines). A variant is one file (plus the barrels or contract it
 * needs) with a unique name, so that many are planted in one copy and each
 * finding maps back to its variant.
 */
import { RULES, type RuleId } from "../../../../tools/checker/index.js";

/** The engines, as the registry names them. */
export type Engine = "ts-morph" | "depcruise";

/** Files to plant, by repository-relative path. */
export type Files = Readonly<Record<string, string>>;

/** One generated variant of a forbidden form, and its clean twin. */
export interface Variant {
  /** Unique: also the stem of its files' names. */
  readonly id: string;
  /** The rule of the registry the form breaks. */
  readonly rule: RuleId;
  /** The form, on one line (`static import × paths alias`). */
  readonly form: string;
  /** The file that must be reported. */
  readonly file: string;
  /** The engines that must catch it: those of the registry that enforce its rule. */
  readonly engines: readonly Engine[];
  /** The files of the variant. */
  readonly files: Files;
  /** The files of its clean twin: nothing may be reported in them. */
  readonly twin: Files;
}

/** A way to write the specifier of a module from a file `up` folders below the root (`up` = "../../"). */
interface Spelling {
  readonly name: string;
  readonly of: (up: string) => string;
}

/** Spellings of the ledger driver, `spine/drivers/ledger.ts`. */
const LEDGER_SPELLINGS: readonly Spelling[] = [
  { name: "relative .js", of: (up) => `${up}spine/drivers/ledger.js` },
  { name: "relative .ts", of: (up) => `${up}spine/drivers/ledger.ts` },
  { name: "relative without extension", of: (up) => `${up}spine/drivers/ledger` },
  { name: "./ and ../ detours", of: (up) => `./${up}spine/../spine/drivers/./ledger.js` },
  { name: "paths alias", of: () => "@drivers/ledger.js" },
  { name: "#imports", of: () => "#drivers/ledger.js" },
];

/** Spellings of the folder driver, `spine/drivers/vault/index.ts`. */
const VAULT_SPELLINGS: readonly Spelling[] = [
  { name: "/index.js", of: (up) => `${up}spine/drivers/vault/index.js` },
  { name: "folder", of: (up) => `${up}spine/drivers/vault` },
  { name: "paths alias /index.js", of: () => "@drivers/vault/index.js" },
  { name: "../ detour /index.js", of: (up) => `${up}spine/drivers/vault/../vault/index.js` },
];

/** The folder driver and its contract, planted in every copy. */
export const VAULT_FILES: Files = {
  "spine/drivers/vault/index.ts": '/** A driver written as a folder with an index file. */\nexport function open(name: string): string {\n  return name;\n}\n\n/** A locked vault. */\nexport interface Vault {\n  readonly name: string;\n}\n',
  "contracts/drivers/vault.contract.yaml":
    '# The folder driver of the evasion variants.\nplacement:\n  file: spine/drivers/vault/index.ts\nboundary:\n  allowed_inbound:\n    - "spine/services/**"\n  forbidden_inbound:\n    - "api/**"\n',
};

/** How a file imports a module: the statement, and whether it works with a type-only use. */
interface ImportForm {
  readonly name: string;
  /** The source of a module importing `specifier`, whose value export is `value` and type export is `type`. */
  readonly write: (specifier: string, value: string, type: string) => string;
}

const IMPORT_FORMS: readonly ImportForm[] = [
  { name: "static import", write: (s, v) => `import { ${v} } from "${s}";\n\nexport const use = ${v};\n` },
  { name: "import type", write: (s, _v, t) => `import type { ${t} } from "${s}";\n\nexport type Use = ${t};\n` },
  { name: "inline type import", write: (s, _v, t) => `import { type ${t} } from "${s}";\n\nexport type Use = ${t};\n` },
  { name: "namespace import", write: (s) => `import * as target from "${s}";\n\nexport const use = target;\n` },
  { name: "export from", write: (s, v) => `export { ${v} } from "${s}";\n` },
  { name: "export * from", write: (s) => `export * from "${s}";\n` },
  { name: "export * as", write: (s) => `export * as target from "${s}";\n` },
  { name: "dynamic import()", write: (s) => `export const load = () => import("${s}");\n` },
  { name: "require()", write: (s) => `// @ts-nocheck\nconst target = require("${s}");\n\nexport const use = target;\n` },
  { name: "import = require()", write: (s) => `import target = require("${s}");\n\nexport const use = target;\n` },
  { name: "side-effect import", write: (s) => `import "${s}";\n\nexport const loaded = true;\n` },
  { name: "typeof import() type", write: (s) => `export type Target = typeof import("${s}");\n` },
];

/** A two-digit-padded id. */
function pad(n: number): string {
  return String(n).padStart(3, "0");
}

/** inbound-boundary: every import form × every spelling of both drivers, from api/ (forbidden); the twin is the same file under spine/services/ (allowed). */
function inboundVariants(): Variant[] {
  const variants: Variant[] = [];
  const targets = [
    { driver: "ledger", spellings: LEDGER_SPELLINGS, value: "post", type: "Entry" },
    { driver: "vault", spellings: VAULT_SPELLINGS, value: "open", type: "Vault" },
  ];
  for (const target of targets) {
    for (const form of IMPORT_FORMS) {
      for (const spelling of target.spellings) {
        const id = `inbound-${pad(variants.length + 1)}`;
        const text = `/** Evasion variant ${id}: ${form.name} of the ${target.driver} driver, ${spelling.name}. */\n${form.write(spelling.of("../../"), target.value, target.type)}`;
        const file = `api/evasion/${id}.ts`;
        variants.push({
          id,
          rule: "inbound-boundary",
          form: `${form.name} × ${spelling.name} (${target.driver})`,
          file,
          engines: engines("inbound-boundary"),
          files: { [file]: text },
          twin: { [`spine/services/${id}.ts`]: text },
        });
      }
    }
  }
  return variants;
}

/** A barrel style of a re-export chain: how hop `k` re-exports `from`, exposing the name `out` for a name `name`. */
interface BarrelStyle {
  readonly name: string;
  readonly hop: (from: string, name: string) => { text: string; out: string };
}

const BARREL_STYLES: readonly BarrelStyle[] = [
  { name: "export { x } from", hop: (from, name) => ({ text: `export { ${name} } from "${from}";\n`, out: name }) },
  { name: "export * from", hop: (from, name) => ({ text: `export * from "${from}";\n`, out: name }) },
  { name: "export { x as y } from", hop: (from, name) => ({ text: `export { ${name} as ${name}Again } from "${from}";\n`, out: `${name}Again` }) },
  { name: "import, then export", hop: (from, name) => ({ text: `import { ${name} } from "${from}";\n\nexport { ${name} };\n`, out: name }) },
];

/** How the consumer at the end of a chain imports the last barrel. */
const CHAIN_CONSUMERS: readonly { name: string; write: (specifier: string, name: string) => string }[] = [
  { name: "static import", write: (s, n) => `import { ${n} } from "${s}";\n\nexport const use = ${n};\n` },
  { name: "namespace import", write: (s, n) => `import * as barrel from "${s}";\n\nexport const use = barrel.${n};\n` },
  { name: "dynamic import()", write: (s, n) => `export const load = async () => (await import("${s}")).${n};\n` },
];

/** reexport-laundering: chains of 1–3 barrels under spine/services/ (allowed there) re-exporting the driver's post, used from api/; the twin uses the same chain from spine/services/. */
function chainVariants(): Variant[] {
  const variants: Variant[] = [];
  const spellings = LEDGER_SPELLINGS.filter((s) => ["relative .js", "paths alias", "#imports"].includes(s.name));
  for (const consumer of CHAIN_CONSUMERS) {
    for (const style of BARREL_STYLES) {
      for (const length of [1, 2, 3]) {
        for (const spelling of spellings) {
          const id = `chain-${pad(variants.length + 1)}`;
          const folder = `spine/services/chains/${id}`;
          const barrels: Record<string, string> = {};
          let name = "post";
          for (let hop = 1; hop <= length; hop++) {
            const from = hop === 1 ? spelling.of("../../../../") : `./b${hop - 1}.js`;
            const written = style.hop(from, name);
            barrels[`${folder}/b${hop}.ts`] = `/** Barrel ${hop} of ${length} of evasion variant ${id}. */\n${written.text}`;
            name = written.out;
          }
          const text = `/** Evasion variant ${id}: ${consumer.name} of the driver's post through ${length} barrel(s), ${style.name}, ${spelling.name}. */\n${consumer.write(`../../${folder}/b${length}.js`, name)}`;
          const file = `api/evasion/${id}.ts`;
          variants.push({
            id,
            rule: "reexport-laundering",
            form: `${consumer.name} × chain of ${length} × ${style.name} × ${spelling.name}`,
            file,
            engines: engines("reexport-laundering"),
            files: { ...barrels, [file]: text },
            twin: { ...barrels, [`spine/services/${id}.ts`]: text },
          });
        }
      }
    }
  }
  return variants;
}

/** layer-boundary: spine/** may not import tools/** (the base's layer rule); every import form, three spellings; the twin imports tools/ from api/. */
function layerVariants(): Variant[] {
  const variants: Variant[] = [];
  const spellings: readonly Spelling[] = [
    { name: "relative .js", of: (up) => `${up}tools/audit.js` },
    { name: "relative .ts", of: (up) => `${up}tools/audit.ts` },
    { name: "../ detour", of: (up) => `./${up}spine/../tools/./audit.js` },
  ];
  for (const form of IMPORT_FORMS.filter((f) => !f.name.includes("type"))) {
    for (const spelling of spellings) {
      const id = `layer-${pad(variants.length + 1)}`;
      const text = `/** Evasion variant ${id}: ${form.name} of tools/, ${spelling.name}. */\n${form.write(spelling.of("../../"), "audit", "never")}`;
      const file = `spine/services/${id}.ts`;
      variants.push({
        id,
        rule: "layer-boundary",
        form: `${form.name} × ${spelling.name}`,
        file,
        engines: engines("layer-boundary"),
        files: { [file]: text },
        twin: { [`api/evasion/${id}.ts`]: text },
      });
    }
  }
  return variants;
}

/** unanalysable-import: import() and require() of computed specifiers; the twin uses a const with a literal initializer. */
function computedVariants(): Variant[] {
  const forms: readonly { name: string; text: string }[] = [
    { name: "import() of a let", text: 'let name = "../../spine/drivers/ledger.js";\nname = name.trim();\nexport const load = () => import(name);\n' },
    { name: "import() of a template with a substitution", text: 'const base = "../../spine/drivers";\nexport const load = () => import(`${base}/ledger.js`);\n' },
    { name: "import() of a concatenation", text: 'export const load = () => import("../../spine/drivers/" + "ledger.js");\n' },
    { name: "require() of a parameter", text: "// @ts-nocheck\nexport const load = (name: string) => require(name);\n" },
    { name: "import() of a conditional", text: 'export const load = (flag: boolean) => import(flag ? "../../spine/drivers/ledger.js" : "../../spine/services/billing.js");\n' },
  ];
  return forms.map((form, index) => {
    const id = `computed-${pad(index + 1)}`;
    const file = `api/evasion/${id}.ts`;
    return {
      id,
      rule: "unanalysable-import" as const,
      form: form.name,
      file,
      engines: engines("unanalysable-import"),
      files: { [file]: `/** Evasion variant ${id}: ${form.name}. */\n${form.text}` },
      twin: { [file]: `/** Clean twin of ${id}: a const with a literal initializer. */\nconst name = "../../spine/orchestrator/transfer.js";\nexport const load = () => import(name);\n` },
    };
  });
}

/** Ways to call a member of the transaction: the statements for a member `m`. */
const CALL_FORMS: readonly { name: string; write: (m: string) => string }[] = [
  { name: "trx.m()", write: (m) => `await trx.${m}();` },
  { name: 'trx["m"]()', write: (m) => `await trx["${m}"]();` },
  { name: "trx[`m`]()", write: (m) => `await trx[\`${m}\`]();` },
  { name: "trx[key]() with a const key", write: (m) => `const key = "${m}";\n  await trx[key]();` },
  { name: "destructured", write: (m) => `const { ${m} } = trx;\n  await ${m}();` },
  { name: "destructured and renamed", write: (m) => `const { ${m}: done } = trx;\n  await done();` },
  { name: "optional call trx.m?.()", write: (m) => `await trx.${m}?.();` },
  { name: "optional chain trx?.m()", write: (m) => `await trx?.${m}();` },
  { name: "aliased receiver", write: (m) => `const t = trx;\n  await t.${m}();` },
  { name: "aliased method with .call", write: (m) => `const done = trx.${m};\n  await done.call(trx);` },
  { name: ".bind()", write: (m) => `await trx.${m}.bind(trx)();` },
  { name: "Reflect.apply", write: (m) => `await Reflect.apply(trx.${m}, trx, []);` },
  { name: "parenthesised", write: (m) => `await (trx).${m}();` },
  { name: "non-null assertion", write: (m) => `await trx!.${m}();` },
  { name: "as-cast receiver", write: (m) => `await (trx as Transaction).${m}();` },
];

/** SQL that controls the transaction, as a driver might spell it. */
const SQL_SPELLINGS: readonly string[] = [
  "COMMIT",
  "commit",
  "Commit",
  "commit;",
  "  COMMIT WORK  ",
  "COMMIT TRANSACTION",
  "COMMIT AND CHAIN",
  "/* done */ COMMIT",
  "-- done\nCOMMIT",
  "ROLLBACK",
  "rollback;",
  "ABORT",
  "END",
  "end transaction",
  "BEGIN",
  "START TRANSACTION",
  "SAVEPOINT before_post",
  "ROLLBACK TO SAVEPOINT before_post",
  "SELECT 1; COMMIT",
  "PREPARE TRANSACTION 'post'",
];

/** How the SQL reaches the database. */
const SQL_CALLS: readonly { name: string; write: (sql: string) => string }[] = [
  { name: 'trx.raw("…")', write: (sql) => `await trx.raw(${JSON.stringify(sql)});` },
  { name: "trx.query(`…`)", write: (sql) => `await trx.query(\`${sql.replace(/[`\\$]/g, "\\$&")}\`);` },
  { name: "const sql, then trx.query(sql)", write: (sql) => `const sql = ${JSON.stringify(sql)};\n  await trx.query(sql);` },
];

/** A driver whose contract says `transaction: forbidden`, with `body` in its one function. */
function driver(id: string, description: string, body: string): Files {
  return {
    [`spine/drivers/${id}.ts`]: `/** Evasion ${description}. */\nimport type { Transaction } from "../db/index.js";\n\ntype Raw = Transaction & { raw(sql: string): Promise<unknown> };\n\n/** Does the work of ${id}. */\nexport async function work(trx: Raw): Promise<void> {\n  ${body}\n}\n`,
    [`contracts/drivers/${id}.contract.yaml`]: `# The driver of evasion ${id}: the caller owns the transaction.\nplacement:\n  file: spine/drivers/${id}.ts\n  transaction: forbidden\nboundary:\n  allowed_inbound: []\n  forbidden_inbound: []\n`,
  };
}

/** transaction-forbidden: every call form of commit and rollback, every SQL spelling through every call; the twin calls a harmless member the same way, or sends SQL that only mentions the word. */
function transactionVariants(): Variant[] {
  const variants: Variant[] = [];
  const push = (form: string, body: string, twinBody: string): void => {
    const id = `tx${pad(variants.length + 1)}`;
    const files = driver(id, `variant ${id}: ${form}`, body);
    variants.push({
      id,
      rule: "transaction-forbidden",
      form,
      file: `spine/drivers/${id}.ts`,
      engines: engines("transaction-forbidden"),
      files,
      twin: driver(id, `twin of ${id}: ${form}, harmless`, twinBody),
    });
  };
  for (const member of ["commit", "rollback"]) {
    for (const form of CALL_FORMS) push(`${form.name} × ${member}`, form.write(member), form.write("query").replace(/\(\)/g, '("SELECT 1")').replace(/\.call\(trx\)/, '.call(trx, "SELECT 1")').replace(/trx, \[\]\)/, 'trx, ["SELECT 1"])'));
  }
  for (const call of SQL_CALLS) {
    for (const sql of SQL_SPELLINGS) {
      const mention = `SELECT 'said: ${sql.replace(/'/g, "''").replace(/\n/g, " ")}' AS word`;
      push(`${call.name} × ${JSON.stringify(sql)}`, call.write(sql), call.write(mention));
    }
  }
  return variants;
}

/** The engines the registry says enforce a rule. */
function engines(rule: RuleId): readonly Engine[] {
  const found = RULES.find((r) => r.id === rule);
  if (found === undefined) throw new Error(`no rule ${rule} in the registry`);
  return found.engines;
}

/** The generators, by the rule of the registry whose forbidden forms they vary. */
export const GENERATORS: Partial<Record<RuleId, () => Variant[]>> = {
  "inbound-boundary": inboundVariants,
  "reexport-laundering": chainVariants,
  "layer-boundary": layerVariants,
  "unanalysable-import": computedVariants,
  "transaction-forbidden": transactionVariants,
};

/** Every variant, rule by rule in the registry's order (a rule with no forbidden form to vary has none). */
export function generateVariants(): Variant[] {
  return RULES.flatMap((rule) => GENERATORS[rule.id]?.() ?? []);
}
