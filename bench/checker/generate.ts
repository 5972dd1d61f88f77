/**
 * Generates a synthetic repository for the boundary checker: layers `api/`,
 * `cus/`, `spine/orchestrator`, `spine/services` and `spine/drivers`, split
 * into domains of {@link FILES_PER_DOMAIN} files each, with barrels, a
 * contract per driver whose `exports` match the code, and up to
 * {@link MAX_PLANTED_PER_RULE} planted violations of every rule.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Located } from "./planted.js";
import { SourceText } from "./source.js";

/** Files of one domain: 3 drivers, 11 services, 9 orchestrator files, 14 api and 13 cus files. */
export const FILES_PER_DOMAIN = 50;

/** Planted violations of each rule, at most (one per domain). */
export const MAX_PLANTED_PER_RULE = 20;

const DRIVERS = 3;
const SERVICES = 10;
const OPERATIONS = 7;
const ROUTES = 14;
const VIEWS = 13;

/** A generated repository. */
export interface SyntheticRepository {
  /** Absolute path of the repository. */
  readonly root: string;
  /** Source files written (contracts and configuration not counted). */
  readonly files: number;
  /** Contract files written. */
  readonly contracts: number;
  /** Planted violations of each rule. */
  readonly plantedPerRule: number;
  /** Every planted violation, where the ts-morph checker must report it. */
  readonly planted: readonly Located[];
  /** Repository-relative path of the file {@link touchFile} changes. */
  readonly touched: string;
}

/** The names used for domain `index`. */
function domainNames(index: number): { readonly dir: string; readonly tag: string } {
  const digits = String(index).padStart(3, "0");
  return { dir: `d${digits}`, tag: `D${digits}` };
}

/** One export of a driver, as the type checker prints it in a contract. */
interface DriverExport {
  readonly section: "functions" | "protocols" | "constants";
  readonly name: string;
  readonly text: string;
}

/** Writes files under one root, counting source files. */
class Writer {
  sources = 0;
  contracts = 0;

  constructor(readonly root: string) {}

  write(path: string, text: string): void {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    if (path.endsWith(".ts")) this.sources++;
    if (path.endsWith(".contract.yaml")) this.contracts++;
  }
}

const PROJECT_YAML = `# Synthetic repository of the boundary checker benchmark.
tsconfig: tsconfig.json
scan:
  include: ["**/*.ts"]
  exclude: ["**/node_modules/**", "**/*.d.ts"]
type_imports: count
coverage: ["spine/drivers/**"]
layers:
  - name: services-never-import-orchestrator
    from: ["spine/services/**"]
    forbidden: ["spine/orchestrator/**"]
    reason: Services are called by the orchestrator, never the other way round.
  - name: api-never-imports-cus
    from: ["api/**"]
    forbidden: ["cus/**"]
    reason: The api and cus layers are separate entry points.
  - name: drivers-never-import-upper-layers
    from: ["spine/drivers/**"]
    forbidden: ["spine/services/**", "spine/orchestrator/**", "api/**", "cus/**"]
    reason: Drivers sit at the bottom.
`;

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["**/*.ts"],
  },
  null,
  2,
)}\n`;

const DB_TYPES = `/** One stored row. */
export interface Row {
  readonly id: string;
  readonly payload: string;
}

/** Anything that runs a parameterised query. */
export interface Queryable {
  query(sql: string, params?: readonly unknown[]): Promise<readonly Row[]>;
}
`;

const DB_INDEX = `export type { Queryable, Row } from "./types.js";
`;

/** Writes driver `slot` of a domain; returns its exports and, when planted, its violations. */
function writeDriver(
  out: Writer,
  domain: number,
  slot: number,
  plant: { readonly transaction: boolean; readonly exportDrift: boolean },
  planted: Located[],
): { path: string; exports: DriverExport[] } {
  const { dir, tag } = domainNames(domain);
  const base = `${tag}S${slot}`;
  const path = `spine/drivers/${dir}/store${slot}.ts`;
  const text = new SourceText();
  text.block(
    `import { createHash } from "node:crypto";`,
    `import type { Queryable, Row } from "../../db/index.js";`,
    "",
    `/** Options of write${base}. */`,
    `export interface ${base}Options {`,
    "  readonly limit: number;",
    "  readonly tag?: string;",
    "}",
    "",
    "/** The longest payload written. */",
    `export const ${base}_LIMIT = 100;`,
    "",
    "/** Reads one row. */",
    `export async function read${base}(db: Queryable, id: string): Promise<Row | undefined> {`,
    `  const rows = await db.query("select id, payload from ${dir}_s${slot} where id = $1", [id]);`,
    "  return rows[0];",
    "}",
    "",
    "/** Writes one row and returns the digest of its payload. */",
    `export async function write${base}(db: Queryable, row: Row, options?: ${base}Options): Promise<string> {`,
    `  const payload = row.payload.slice(0, options?.limit ?? ${base}_LIMIT);`,
    `  await db.query("insert into ${dir}_s${slot} (id, payload) values ($1, $2)", [row.id, payload]);`,
    `  return createHash("sha1").update(payload).digest("hex");`,
    "}",
  );
  const exports: DriverExport[] = [
    { section: "protocols", name: `${base}Options`, text: "{ readonly limit: number; readonly tag?: string | undefined }" },
    { section: "constants", name: `${base}_LIMIT`, text: "100" },
    { section: "functions", name: `read${base}`, text: `read${base}(db: Queryable, id: string): Promise<Row | undefined>` },
    {
      section: "functions",
      name: `write${base}`,
      text: `write${base}(db: Queryable, row: Row, options?: ${base}Options): Promise<string>`,
    },
  ];
  if (plant.transaction) {
    text.block("", "/** Ends the caller's unit of work (planted: transaction control in a driver). */");
    text.line(`export async function finish${base}(db: Queryable): Promise<void> {`);
    const at = text.line(`  await db.query("COMMIT");`, `"COMMIT"`);
    text.line("}");
    exports.push({ section: "functions", name: `finish${base}`, text: `finish${base}(db: Queryable): Promise<void>` });
    planted.push({ ruleId: "transaction-forbidden", file: path, ...at });
  }
  if (plant.exportDrift) {
    text.block("", "/** Planted: an export the contract does not declare. */");
    const at = text.line(`export function extra${base}(): number {`);
    text.block("  return 1;", "}");
    planted.push({ ruleId: "export-drift", file: path, ...at });
  }
  out.write(path, text.toString());
  return { path, exports };
}

/** Writes the contract of a driver, with a planted import drift when asked. */
function writeContract(
  out: Writer,
  domain: number,
  slot: number,
  driver: { path: string; exports: DriverExport[] },
  importDrift: boolean,
  planted: Located[],
): void {
  const { dir } = domainNames(domain);
  const contractFile = `contracts/drivers/${dir}/store${slot}.contract.yaml`;
  const yaml = new SourceText();
  yaml.block(
    "placement:",
    `  file: ${driver.path}`,
    "  layer: L4 — spine (driver)",
    "  role: driver",
    "  inbound: [orchestrator, services]",
    "  outbound: [db]",
    "  transaction: forbidden",
    "  cross_domain: []",
    `  purpose: Storage of the ${dir} records (store ${slot})`,
    "",
    "exports:",
  );
  for (const section of ["functions", "classes", "types", "protocols", "constants"] as const) {
    const entries = driver.exports.filter((e) => e.section === section).sort((a, b) => a.name.localeCompare(b.name));
    if (entries.length === 0) {
      yaml.line(`  ${section}: []`);
      continue;
    }
    yaml.line(`  ${section}:`);
    const field = section === "functions" ? "signature" : "definition";
    for (const entry of entries) {
      yaml.block(`    - name: ${entry.name}`, `      ${field}: ${JSON.stringify(entry.text)}`, "      consumers: []");
    }
  }
  yaml.block(
    "",
    "boundary:",
    "  allowed_inbound:",
    `    - "spine/orchestrator/**"`,
    `    - "spine/services/**"`,
    "  forbidden_inbound:",
    `    - "api/**"`,
    `    - "cus/**"`,
    "",
    "actual_imports:",
    "  internal:",
    "    - spine/db/index.ts",
    "  external:",
  );
  const external = yaml.line("    - node:crypto", "-");
  if (importDrift) {
    yaml.line("    - node:fs");
    planted.push({ ruleId: "import-drift", file: contractFile, ...external });
  }
  yaml.block(
    "",
    "pairing:",
    `  serves_domains: [${dir}]`,
    "  expected_l5_consumers: []",
    "  orchestrator_operations: []",
  );
  out.write(contractFile, yaml.toString());
}

/** Writes the services of a domain and their barrel. */
function writeServices(out: Writer, domain: number, plant: { layer: boolean; laundering: boolean }, planted: Located[]): void {
  const { dir, tag } = domainNames(domain);
  const barrel = new SourceText();
  for (let k = 0; k < SERVICES; k++) {
    const path = `spine/services/${dir}/svc${k}.ts`;
    const store = `${tag}S${k % DRIVERS}`;
    const text = new SourceText();
    text.line(`import type { Queryable } from "../../db/index.js";`);
    text.line(`import { read${store} } from "../../drivers/${dir}/store${k % DRIVERS}.js";`);
    if (k > 0) text.line(`import { serve${tag}V${k - 1} } from "./svc${k - 1}.js";`);
    if (plant.layer && k === 1) {
      const at = text.line(`import type { ${tag}Config } from "../../orchestrator/${dir}/config.js";`);
      planted.push({ ruleId: "layer-boundary", file: path, ...at });
      text.block("", `/** The settings this service was built for (planted: a service may not read the orchestrator). */`);
      text.line(`export type ${tag}V${k}Settings = ${tag}Config;`);
    }
    text.block(
      "",
      `/** Serves record \`id\` of ${dir}. */`,
      `export async function serve${tag}V${k}(db: Queryable, id: string): Promise<string> {`,
      `  const row = await read${store}(db, id);`,
      k > 0 ? `  const fallback = await serve${tag}V${k - 1}(db, id);` : `  const fallback = "";`,
      "  return row === undefined ? fallback : row.payload;",
      "}",
    );
    out.write(path, text.toString());
    barrel.line(`export { serve${tag}V${k} } from "./svc${k}.js";`);
  }
  if (plant.laundering) barrel.line(`export { read${tag}S1 } from "../../drivers/${dir}/store1.js";`);
  out.write(`spine/services/${dir}/index.ts`, barrel.toString());
}

/** Writes the orchestrator of a domain: settings, operations and a barrel. */
function writeOrchestrator(out: Writer, domain: number): void {
  const { dir, tag } = domainNames(domain);
  out.write(
    `spine/orchestrator/${dir}/config.ts`,
    [
      `/** Settings of the ${dir} operations. */`,
      `export interface ${tag}Config {`,
      "  readonly retries: number;",
      "}",
      "",
      "/** The default settings. */",
      `export const ${tag}_DEFAULTS: ${tag}Config = { retries: 3 };`,
      "",
    ].join("\n"),
  );
  const barrel = [`export * from "./config.js";`];
  for (let k = 0; k < OPERATIONS; k++) {
    out.write(
      `spine/orchestrator/${dir}/op${k}.ts`,
      [
        `import type { Queryable } from "../../db/index.js";`,
        `import { serve${tag}V${k} } from "../../services/${dir}/index.js";`,
        `import { ${tag}_DEFAULTS } from "./config.js";`,
        "",
        `/** Runs operation ${k} of ${dir}, retrying an empty answer. */`,
        `export async function run${tag}P${k}(db: Queryable, id: string): Promise<string> {`,
        `  let answer = "";`,
        `  for (let attempt = 0; attempt < ${tag}_DEFAULTS.retries && answer === ""; attempt++) {`,
        `    answer = await serve${tag}V${k}(db, id);`,
        "  }",
        "  return answer;",
        "}",
        "",
      ].join("\n"),
    );
    barrel.push(`export * from "./op${k}.js";`);
  }
  out.write(`spine/orchestrator/${dir}/index.ts`, `${barrel.join("\n")}\n`);
}

/** Writes the api routes of a domain. */
function writeRoutes(
  out: Writer,
  domain: number,
  plant: { inbound: boolean; laundering: boolean; layer: boolean },
  planted: Located[],
): void {
  const { dir, tag } = domainNames(domain);
  for (let k = 0; k < ROUTES; k++) {
    const path = `api/${dir}/route${k}.ts`;
    const text = new SourceText();
    text.line(`import type { Queryable } from "../../spine/db/index.js";`);
    text.line(`import { run${tag}P${k % OPERATIONS} } from "../../spine/orchestrator/${dir}/index.js";`);
    if (plant.inbound && k === 0) {
      const at = text.line(`import { read${tag}S0 } from "../../spine/drivers/${dir}/store0.js";`);
      planted.push({ ruleId: "inbound-boundary", file: path, ...at });
      text.block("", `/** Planted: the route reads the driver directly. */`, `export const peek${tag}R${k} = read${tag}S0;`);
    }
    if (plant.laundering && k === 1) {
      const at = text.line(`import { read${tag}S1 } from "../../spine/services/${dir}/index.js";`);
      planted.push({ ruleId: "reexport-laundering", file: path, ...at });
      text.block("", `/** Planted: the route reads the driver through the services barrel. */`, `export const peek${tag}R${k} = read${tag}S1;`);
    }
    if (plant.layer && k === 2) {
      const at = text.line(`import { show${tag}W2 } from "../../cus/${dir}/view2.js";`);
      planted.push({ ruleId: "layer-boundary", file: path, ...at });
      text.block("", `/** Planted: the route renders through the cus layer. */`, `export const render${tag}R${k} = show${tag}W2;`);
    }
    text.block(
      "",
      `/** Handles route ${k} of ${dir}. */`,
      `export async function handle${tag}R${k}(db: Queryable, request: { readonly id: string }): Promise<{ readonly status: number; readonly body: string }> {`,
      `  const body = await run${tag}P${k % OPERATIONS}(db, request.id);`,
      "  return { status: body === \"\" ? 404 : 200, body };",
      "}",
    );
    out.write(path, text.toString());
  }
}

/** Writes the cus views of a domain. */
function writeViews(out: Writer, domain: number, plant: { unanalysable: boolean }, planted: Located[]): void {
  const { dir, tag } = domainNames(domain);
  for (let k = 0; k < VIEWS; k++) {
    const path = `cus/${dir}/view${k}.ts`;
    const text = new SourceText();
    text.block(
      `import type { Queryable } from "../../spine/db/index.js";`,
      `import { serve${tag}V${k % SERVICES} } from "../../spine/services/${dir}/index.js";`,
      "",
      `/** Shows record \`id\` in view ${k} of ${dir}. */`,
      `export async function show${tag}W${k}(db: Queryable, id: string): Promise<string> {`,
      `  return (await serve${tag}V${k % SERVICES}(db, id)).toUpperCase();`,
      "}",
    );
    if (plant.unanalysable && k === 0) {
      text.block("", "/** Loads a plugin by name (planted: the target cannot be known). */");
      text.line(`export async function plugin${tag}(name: string): Promise<unknown> {`);
      const at = text.line("  return import(name);", "import(");
      text.line("}");
      planted.push({ ruleId: "unanalysable-import", file: path, ...at });
    }
    out.write(path, text.toString());
  }
}

/** The number of domains of a repository of about `size` source files. */
export function domainCount(size: number): number {
  return Math.max(1, Math.round(size / FILES_PER_DOMAIN));
}

/**
 * Generates a repository of about `size` source files in the empty or
 * missing folder `root`.
 */
export function generateRepository(root: string, size: number): SyntheticRepository {
  const out = new Writer(root);
  const domains = domainCount(size);
  const plantedPerRule = Math.min(MAX_PLANTED_PER_RULE, domains);
  const planted: Located[] = [];
  out.write("package.json", `${JSON.stringify({ name: "spine-bench-synthetic", private: true, type: "module" }, null, 2)}\n`);
  out.write("tsconfig.json", TSCONFIG);
  out.write("contracts/project.yaml", PROJECT_YAML);
  out.write("spine/db/types.ts", DB_TYPES);
  out.write("spine/db/index.ts", DB_INDEX);
  for (let domain = 0; domain < domains; domain++) {
    const plant = domain < plantedPerRule;
    for (let slot = 0; slot < DRIVERS; slot++) {
      const driver = writeDriver(out, domain, slot, { transaction: plant && slot === 0, exportDrift: plant && slot === 1 }, planted);
      if (plant && slot === 2) {
        planted.push({ ruleId: "contract-coverage", file: driver.path, line: 1, column: 1 });
      } else {
        writeContract(out, domain, slot, driver, plant && slot === 0, planted);
      }
    }
    writeServices(out, domain, { layer: plant && domain % 2 === 0, laundering: plant }, planted);
    writeOrchestrator(out, domain);
    writeRoutes(out, domain, { inbound: plant, laundering: plant, layer: plant && domain % 2 === 1 }, planted);
    writeViews(out, domain, { unanalysable: plant }, planted);
  }
  return {
    root,
    files: out.sources,
    contracts: out.contracts,
    plantedPerRule,
    planted,
    touched: touchedPath(domains),
  };
}

function touchedPath(domains: number): string {
  return `api/${domainNames(domains - 1).dir}/route${ROUTES - 1}.ts`;
}

/**
 * Changes one file of a generated repository the way an edit would: the
 * last route of the last domain (which holds no planted violation) gets one
 * more statement.
 */
export function touchFile(repository: SyntheticRepository): void {
  const abs = join(repository.root, repository.touched);
  const text = readFileSync(abs, "utf8");
  const marker = "  return { status";
  writeFileSync(abs, text.replace(marker, `  if (body.length > 1_000_000) throw new RangeError("body too long");\n${marker}`));
}
