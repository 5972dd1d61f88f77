/**
 * The plugin's rules under ESLint's RuleTester: for each rule, files of a
 * fixture repository that pass and files that fail, with the exact message
 * (the CLI's message, contract and fix), line and column; the project's
 * severities (`off`) and inline suppressions; and unsaved text (a buffer
 * that differs from the file on the disk, or a file that does not exist yet).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import plugin from "../../../tools/eslint/index.js";
import { caseRepository } from "./repositories.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester for the repository at `root`, with the plugin's text parser. */
function testerFor(root: string): RuleTester {
  return new RuleTester({ languageOptions: { parser: plugin.configs.standalone.languageOptions?.parser }, settings: { "spine-check": { root } } });
}

const LEDGER_CONTRACT = "contracts/drivers/ledger.contract.yaml";
const INBOUND_FIX = `Go through an allowed layer (spine/orchestrator/**, spine/services/**) instead, or change the boundary in ${LEDGER_CONTRACT}.`;

/** The text ESLint shows: the CLI's message, contract and fix. */
function shown(message: string, contract: string, fix: string): string {
  return `${message}\ncontract: ${contract}\nfix: ${fix}`;
}

describe("inbound-boundary", () => {
  const root = caseRepository("inbound-import");
  const refund = readFileSync(join(root, "api/refund.ts"), "utf8");
  testerFor(root).run("inbound-boundary", plugin.rules["inbound-boundary"], {
    valid: [
      { name: "an allowed importer", filename: join(root, "spine/services/billing.ts"), code: readFileSync(join(root, "spine/services/billing.ts"), "utf8") },
      { name: "the API through the orchestrator", filename: join(root, "api/health.ts"), code: readFileSync(join(root, "api/health.ts"), "utf8") },
      {
        name: "an inline suppression",
        filename: join(root, "api/refund.ts"),
        code: `// spine-check-ignore inbound-boundary -- moving to the orchestrator in #12\n${refund}`,
      },
      { name: "a file outside the scan", filename: join(root, "node_modules/x/index.ts"), code: 'import "../../spine/drivers/ledger.js";\n' },
    ],
    invalid: [
      {
        name: "the file as it is on the disk",
        filename: join(root, "api/refund.ts"),
        code: refund,
        errors: [
          {
            message: shown('api/refund.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger.js"): it matches forbidden_inbound', LEDGER_CONTRACT, INBOUND_FIX),
            line: 1,
            column: 1,
          },
        ],
      },
      {
        name: "an unsaved edit that adds a dynamic import",
        filename: join(root, "api/health.ts"),
        code: 'import { transfer } from "../spine/orchestrator/transfer.js";\n\nexport const load = () =>\n  import("../spine/drivers/ledger.js");\n',
        errors: [
          {
            message: shown('api/health.ts may not depend on spine/drivers/ledger.ts (dynamic-import "../spine/drivers/ledger.js"): it matches forbidden_inbound', LEDGER_CONTRACT, INBOUND_FIX),
            line: 4,
            column: 3,
          },
        ],
      },
      {
        name: "a new file that is not on the disk yet",
        filename: join(root, "lib/new.ts"),
        code: 'export type { Entry } from "../spine/drivers/ledger.js";\n',
        errors: [
          {
            message: shown('lib/new.ts may not depend on spine/drivers/ledger.ts (type-only export-from "../spine/drivers/ledger.js"): it matches no allowed_inbound glob', LEDGER_CONTRACT, INBOUND_FIX),
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  });
});

describe("inbound-boundary off in contracts/project.yaml", () => {
  const root = caseRepository("inbound-import", "rules:\n  inbound-boundary: off\n");
  testerFor(root).run("inbound-boundary", plugin.rules["inbound-boundary"], {
    valid: [{ name: "a forbidden import", filename: join(root, "api/refund.ts"), code: readFileSync(join(root, "api/refund.ts"), "utf8") }],
    invalid: [],
  });
});

describe("layer-boundary", () => {
  const layers = [
    "  - name: api-uses-the-orchestrator-only",
    '    from: ["api/**"]',
    '    only: ["spine/orchestrator/**"]',
    "    reason: The API goes through the orchestrator.",
    "  - name: lib-never-imports-spine",
    '    from: ["lib/**"]',
    '    forbidden: ["spine/**"]',
    '    allow: ["spine/services/**"]',
    "    reason: Library code uses the services only.",
    "",
  ].join("\n");
  const root = caseRepository("layer-boundary", layers);
  const audited = readFileSync(join(root, "spine/services/audited.ts"), "utf8");
  const toolsMessage = shown('layer rule "spine-never-imports-tools": spine/services/audited.ts may not depend on tools/audit.ts', "contracts/project.yaml", "The package never depends on its tooling.");
  testerFor(root).run("layer-boundary", plugin.rules["layer-boundary"], {
    valid: [
      { name: "a file no layer rule governs", filename: join(root, "tools/audit.ts"), code: readFileSync(join(root, "tools/audit.ts"), "utf8") },
      { name: "only: a file inside `only`", filename: join(root, "api/health.ts"), code: readFileSync(join(root, "api/health.ts"), "utf8") },
      { name: "allow: an allowed file of a forbidden folder", filename: join(root, "lib/use.ts"), code: 'import { charge } from "../spine/services/billing.js";\n' },
      {
        name: "suppressed on its own line",
        filename: join(root, "spine/services/audited.ts"),
        code: audited
          .replace(/^import \{/m, "// spine-check-ignore layer-boundary -- the audit moves into spine in #40\nimport {")
          .replace(/^(import type .*)$/m, "$1 // spine-check-ignore layer-boundary -- types only"),
      },
    ],
    invalid: [
      {
        name: "by value and by type",
        filename: join(root, "spine/services/audited.ts"),
        code: audited,
        errors: [
          { message: toolsMessage, line: 1, column: 1 },
          { message: toolsMessage, line: 2, column: 1 },
        ],
      },
      {
        name: "only: a file outside `only`",
        filename: join(root, "api/bill.ts"),
        code: '\nimport { charge } from "../spine/services/billing.js";\n',
        errors: [
          {
            message: shown(
              'layer rule "api-uses-the-orchestrator-only": api/bill.ts may depend only on spine/orchestrator/**, api/**, not on spine/services/billing.ts',
              "contracts/project.yaml",
              "The API goes through the orchestrator.",
            ),
            line: 2,
            column: 1,
          },
        ],
      },
      {
        name: "allow: a forbidden file that `allow` does not match",
        filename: join(root, "lib/use.ts"),
        code: 'import { transfer } from "../spine/orchestrator/transfer.js";\n',
        errors: [
          {
            message: shown('layer rule "lib-never-imports-spine": lib/use.ts may not depend on spine/orchestrator/transfer.ts', "contracts/project.yaml", "Library code uses the services only."),
            line: 1,
            column: 1,
          },
        ],
      },
    ],
  });
});

describe("unanalysable-import", () => {
  const root = caseRepository("unanalysable-import");
  const fix = "Pass a string literal, or a const declared with a string literal, so the target is known.";
  const unanalysable = (call: string, argument: string, line: number, column: number) => ({
    message: shown(`${call} with a computed argument (${argument}) cannot be checked against the contracts`, "contracts/project.yaml", fix),
    line,
    column,
  });
  testerFor(root).run("unanalysable-import", plugin.rules["unanalysable-import"], {
    valid: [
      { name: "a literal and a literal const", filename: join(root, "api/static.ts"), code: 'const TARGET = "../spine/orchestrator/transfer.js";\nexport const a = import(TARGET);\nexport const b = import("../spine/orchestrator/transfer.js");\n' },
      { name: "suppressed at the end of the line", filename: join(root, "api/static.ts"), code: "export const load = (name: string) => import(name); // spine-check-ignore unanalysable-import -- plugin names are validated\n" },
    ],
    invalid: [
      {
        name: "computed import() and require()",
        filename: join(root, "api/plugins.ts"),
        code: readFileSync(join(root, "api/plugins.ts"), "utf8"),
        errors: [
          unanalysable("import()", "name", 10, 11),
          unanalysable("import()", "`../plugins/${name}.js`", 11, 11),
          unanalysable("import()", "mutable", 12, 11),
          unanalysable("require()", '"../plugins/" + name', 13, 5),
        ],
      },
    ],
  });
});

describe("reexport-laundering", () => {
  const root = caseRepository("reexport-laundering");
  const fix = "Do not use spine/drivers/ledger.ts from here; go through an allowed layer (spine/orchestrator/**, spine/services/**).";
  testerFor(root).run("reexport-laundering", plugin.rules["reexport-laundering"], {
    valid: [{ name: "a name of the barrel that the driver does not declare", filename: join(root, "api/route.ts"), code: 'import { transfer } from "../spine/orchestrator/transfer.js";\nexport { transfer };\n' }],
    invalid: [
      {
        name: "a name through two barrels",
        filename: join(root, "api/refund.ts"),
        code: readFileSync(join(root, "api/refund.ts"), "utf8"),
        errors: [
          {
            message: shown(
              'api/refund.ts reaches spine/drivers/ledger.ts through re-exports ("postEntry"): api/refund.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts',
              LEDGER_CONTRACT,
              fix,
            ),
            line: 1,
            column: 1,
          },
        ],
      },
      {
        name: "the whole module, in an unsaved buffer",
        filename: join(root, "api/route.ts"),
        code: '// all of it\nexport * as services from "../spine/services/index.js";\n',
        errors: [
          {
            message: shown(
              "api/route.ts reaches spine/drivers/ledger.ts through re-exports (the whole module): api/route.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts",
              LEDGER_CONTRACT,
              fix,
            ),
            line: 2,
            column: 1,
          },
        ],
      },
    ],
  });
});

describe("transaction-forbidden", () => {
  const root = caseRepository("transaction-member-call");
  const driver = readFileSync(join(root, "spine/drivers/ledger.ts"), "utf8");
  const fix = "Take the connection or transaction from the caller (a Queryable) and let the caller commit or roll back.";
  testerFor(root).run("transaction-forbidden", plugin.rules["transaction-forbidden"], {
    valid: [
      { name: "the driver with the commit removed (unsaved)", filename: join(root, "spine/drivers/ledger.ts"), code: driver.replace("  await trx.commit();\n", "") },
      { name: "commit in a module without transaction: forbidden", filename: join(root, "spine/services/billing.ts"), code: "export async function f(trx: { commit(): Promise<void> }) {\n  await trx.commit();\n}\n" },
    ],
    invalid: [
      {
        name: "a commit call",
        filename: join(root, "spine/drivers/ledger.ts"),
        code: driver,
        errors: [{ message: shown("transaction control in a module with transaction: forbidden: reference to commit (trx.commit)", LEDGER_CONTRACT, fix), line: 18, column: 9 }],
      },
      {
        name: "a rollback added in the editor",
        filename: join(root, "spine/drivers/ledger.ts"),
        code: driver.replace("  await trx.commit();\n", "  await trx.commit();\n  await trx.query('ROLLBACK');\n"),
        errors: [
          { message: shown("transaction control in a module with transaction: forbidden: reference to commit (trx.commit)", LEDGER_CONTRACT, fix), line: 18, column: 9 },
          { message: shown("transaction control in a module with transaction: forbidden: SQL ROLLBACK in a literal ('ROLLBACK')", LEDGER_CONTRACT, fix), line: 19, column: 19 },
        ],
      },
    ],
  });
});
