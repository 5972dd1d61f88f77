/**
 * The rule `reexport-laundering` on its own: from a repository opened
 * in-process, its `check` reports a file outside the driver's boundary that
 * reaches a name the driver declares through a barrel (the name and the
 * chain in the message, the barrel as target, the contract and the fix),
 * and nothing for a name the barrel's own module declares, nor for the
 * orchestrator, nor for the base repository.
 */
import { describe, expect, it } from "vitest";
import { reexportLaundering } from "../../../../tools/checker/rules/reexport-laundering.js";
import { ruleFixture } from "./context.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const FIX = "Do not use spine/drivers/ledger.ts from here; go through an allowed layer (spine/orchestrator/**, spine/services/**).";

describe("reexport-laundering", () => {
  describe("api/ imports the driver's post through a services barrel; lib/ imports the whole barrel", () => {
    const fixture = ruleFixture({
      "spine/services/facade.ts": 'export { post as postEntry } from "../drivers/ledger.js";\n',
      "spine/services/format.ts": "export const formatCents = (cents: number): string => String(cents);\n",
      "spine/services/index.ts": 'export * from "./facade.js";\nexport { formatCents } from "./format.js";\n',
      "api/refund.ts": '\nimport { formatCents, postEntry } from "../spine/services/index.js";\n\nexport const refund = [postEntry, formatCents];\n',
      "api/format.ts": 'import { formatCents } from "../spine/services/index.js";\n\nexport const show = formatCents;\n',
      "lib/everything.ts": 'import * as services from "../spine/services/index.js";\n\nexport const all = services;\n',
      "spine/orchestrator/refund.ts": 'import { postEntry } from "../services/index.js";\n\nexport const refund = postEntry;\n',
    });

    it("reports each import that reaches the driver's own name through re-exports, naming it and the chain", () => {
      expect(reexportLaundering.check(fixture.context())).toEqual([
        {
          file: "api/refund.ts",
          line: 2,
          column: 1,
          message: 'api/refund.ts reaches spine/drivers/ledger.ts through re-exports ("postEntry"): api/refund.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts',
          contract: CONTRACT,
          fix: FIX,
          target: "spine/services/index.ts",
        },
        {
          file: "lib/everything.ts",
          line: 1,
          column: 1,
          message: "lib/everything.ts reaches spine/drivers/ledger.ts through re-exports (the whole module): lib/everything.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts",
          contract: CONTRACT,
          fix: FIX,
          target: "spine/services/index.ts",
        },
      ]);
    });
  });

  describe("the base repository: no barrel", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(reexportLaundering.check(fixture.context())).toEqual([]);
    });
  });
});
