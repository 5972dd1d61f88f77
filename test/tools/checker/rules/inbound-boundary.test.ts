/**
 * The rule `inbound-boundary` on its own: from a repository opened in-process,
 * its `check` reports each dependency on a contracted module from a file
 * its contract forbids or does not allow (exact position, message, target
 * and fix), and nothing for the files the contract allows.
 */
import { describe, expect, it } from "vitest";
import { inboundBoundary } from "../../../../tools/checker/rules/inbound-boundary.js";
import { ruleFixture } from "./context.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const FIX = `Go through an allowed layer (spine/orchestrator/**, spine/services/**) instead, or change the boundary in ${CONTRACT}.`;

describe("inbound-boundary", () => {
  describe("an API route (forbidden) and lib/ (not allowed) import the driver; a service (allowed) does too", () => {
    const fixture = ruleFixture({
      "api/refund.ts": 'import { post } from "../spine/drivers/ledger.js";\n\nexport const refund = post;\n',
      "lib/report.ts": '/** Limits. */\nexport type { Entry } from "../spine/drivers/ledger";\n  export const limit = await import("../spine/drivers/ledger.js");\n',
      "spine/services/refunds.ts": 'import { post } from "../drivers/ledger.js";\n\nexport const refund = post;\n',
    });

    it("reports each forbidden or not allowed dependency at its statement, with why, the contract, the target and the fix", () => {
      expect(inboundBoundary.check(fixture.context())).toEqual([
        {
          file: "api/refund.ts",
          line: 1,
          column: 1,
          message: 'api/refund.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger.js"): it matches forbidden_inbound',
          contract: CONTRACT,
          fix: FIX,
          target: "spine/drivers/ledger.ts",
        },
        {
          file: "lib/report.ts",
          line: 2,
          column: 1,
          message: 'lib/report.ts may not depend on spine/drivers/ledger.ts (type-only export-from "../spine/drivers/ledger"): it matches no allowed_inbound glob',
          contract: CONTRACT,
          fix: FIX,
          target: "spine/drivers/ledger.ts",
        },
        {
          file: "lib/report.ts",
          line: 3,
          column: 30,
          message: 'lib/report.ts may not depend on spine/drivers/ledger.ts (dynamic-import "../spine/drivers/ledger.js"): it matches no allowed_inbound glob',
          contract: CONTRACT,
          fix: FIX,
          target: "spine/drivers/ledger.ts",
        },
      ]);
    });

    it("reports nothing for a file out of scope, and only that file's findings for one in scope", () => {
      expect(inboundBoundary.check(fixture.context((path) => path === "spine/services/refunds.ts"))).toEqual([]);
      expect(inboundBoundary.check(fixture.context((path) => path === "api/refund.ts")).map((f) => f.file)).toEqual(["api/refund.ts"]);
    });
  });

  describe("the base repository: only the orchestrator and a service depend on the driver", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(inboundBoundary.check(fixture.context())).toEqual([]);
    });
  });
});
