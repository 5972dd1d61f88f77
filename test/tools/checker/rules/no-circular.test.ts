/**
 * The rule `no-circular` on its own: from a repository opened in-process,
 * its `check` reports every dependency along a cycle (exact position, the
 * cycle in the message and the fix, the target), and nothing for the
 * acyclic base repository.
 */
import { describe, expect, it } from "vitest";
import { noCircular } from "../../../../tools/checker/rules/no-circular.js";
import { ruleFixture } from "./context.js";

const CYCLE_FIX = (cycle: string): string => `Break the cycle ${cycle}: move what both sides need into a module neither imports, or invert one dependency.`;

describe("no-circular", () => {
  describe("pricing.ts and discounts.ts import each other; rates.ts is imported by both but imports neither", () => {
    const fixture = ruleFixture({
      "spine/services/pricing.ts": '// A cycle.\nimport { discount } from "./discounts.js";\nimport { RATE } from "./rates.js";\n\nexport const price = (cents: number): number => cents - discount(cents) * RATE;\n',
      "spine/services/discounts.ts": 'import { RATE } from "./rates.js";\nimport { price } from "./pricing.js";\n\nexport const discount = (cents: number): number => (cents > 1000 ? RATE : 0);\nexport const sample = (): number => price(10);\n',
      "spine/services/rates.ts": "export const RATE = 1;\n",
    });

    it("reports both dependencies of the cycle, each naming the cycle from its own file", () => {
      expect(noCircular.check(fixture.context())).toEqual([
        {
          file: "spine/services/discounts.ts",
          line: 2,
          column: 1,
          message: "spine/services/discounts.ts depends on spine/services/pricing.ts, which leads back to it: spine/services/discounts.ts -> spine/services/pricing.ts -> spine/services/discounts.ts",
          contract: "contracts/project.yaml",
          fix: CYCLE_FIX("spine/services/discounts.ts -> spine/services/pricing.ts -> spine/services/discounts.ts"),
          target: "spine/services/pricing.ts",
        },
        {
          file: "spine/services/pricing.ts",
          line: 2,
          column: 1,
          message: "spine/services/pricing.ts depends on spine/services/discounts.ts, which leads back to it: spine/services/pricing.ts -> spine/services/discounts.ts -> spine/services/pricing.ts",
          contract: "contracts/project.yaml",
          fix: CYCLE_FIX("spine/services/pricing.ts -> spine/services/discounts.ts -> spine/services/pricing.ts"),
          target: "spine/services/discounts.ts",
        },
      ]);
    });
  });

  describe("the base repository: no cycle", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(noCircular.check(fixture.context())).toEqual([]);
    });
  });
});
