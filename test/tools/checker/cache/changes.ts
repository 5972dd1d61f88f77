/**
 * The kinds of change a cached run must notice, applied to a copy of any
 * fixture case (each does nothing where the case lacks what it changes),
 * and the case-specific set-up some cases need before their first run.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** One kind of change. */
export interface Change {
  readonly name: string;
  /** Applies the change to the repository at `root`. */
  apply(root: string): void;
}

function edit(root: string, path: string, change: (text: string) => string): void {
  const file = join(root, path);
  if (existsSync(file)) writeFileSync(file, change(readFileSync(file, "utf8")));
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A package installed in `node_modules` with a lockfile, as a Yarn install leaves it. */
function installUnits(root: string, version: string, cents: string): void {
  write(root, "node_modules/@fx/units/package.json", JSON.stringify({ name: "@fx/units", version, types: "./index.d.ts" }));
  write(root, "node_modules/@fx/units/index.d.ts", `export interface Amount {\n  readonly cents: ${cents};\n}\n`);
  write(root, "yarn.lock", `"@fx/units@^${version}":\n  version "${version}"\n`);
}

/** Set-up before the first run: the `cache-lockfile` case needs its package installed. */
export function prepare(root: string): void {
  if (existsSync(join(root, "spine/drivers/units.ts"))) installUnits(root, "1.0.0", "number");
}

/** Every kind of change, in the order a test applies them. */
export const CHANGES: readonly Change[] = [
  {
    name: "a scanned file",
    apply(root) {
      edit(root, "spine/drivers/ledger.ts", (text) => `${text}\n/** Added by the cache test. */\nexport const CHANGED = 1;\n`);
      edit(root, "api/health.ts", (text) => `import { post } from "../spine/drivers/ledger.js";\n${text}\nexport const alsoPost = post;\n`);
    },
  },
  {
    name: "a contract",
    apply(root) {
      edit(root, "contracts/drivers/ledger.contract.yaml", (text) => text.replace('    - "spine/orchestrator/**"\n', '    - "spine/orchestrat0r/**"\n'));
    },
  },
  {
    name: "contracts/project.yaml",
    apply(root) {
      edit(root, "contracts/project.yaml", (text) => text.replace('forbidden: ["tools/**"]', 'forbidden: ["tools/**", "spine/db/**"]'));
    },
  },
  {
    name: "a tsconfig of the extends chain",
    apply(root) {
      if (existsSync(join(root, "tsconfig.base.json"))) {
        edit(root, "tsconfig.base.json", (text) => text.replace('"./lib/*"', '"./spine/drivers/*"').replace('"./spine/drivers/*"]', '"./spine/services/*"]'));
      } else {
        edit(root, "tsconfig.json", (text) => text.replace('"@drivers/*": ["./spine/drivers/*"]', '"@drivers/*": ["./spine/orchestrator/*"]'));
      }
    },
  },
  {
    name: "a lockfile (an upgraded package)",
    apply(root) {
      installUnits(root, "2.0.0", "bigint");
    },
  },
  {
    name: "a workspace package's manifest",
    apply(root) {
      edit(root, "packages/amounts/package.json", (text) => text.replace('"main": "./dist/index.js",', '"source": "./src/wide.ts",\n  "main": "./dist/index.js",'));
    },
  },
  {
    name: "a workspace link in node_modules",
    apply(root) {
      const target = existsSync(join(root, "packages/money")) ? "../../packages/money" : "../../spine/db";
      mkdirSync(join(root, "node_modules/@fx"), { recursive: true });
      if (!existsSync(join(root, "node_modules/@fx/money"))) symlinkSync(target, join(root, "node_modules/@fx/money"));
    },
  },
];
