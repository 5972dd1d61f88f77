/**
 * The rule `import-drift` on its own: from a repository opened in-process,
 * its `check` reports each section of `actual_imports` that differs from
 * the module's imports (at the section in the contract, with the diff and
 * the exact list to write), and nothing when the section matches (the base
 * repository) or the contract is out of scope.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importDrift } from "../../../../tools/checker/rules/import-drift.js";
import { FIXTURES } from "../fixture.js";
import { ruleFixture } from "./context.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const BASE_CONTRACT = readFileSync(join(FIXTURES, "base", CONTRACT), "utf8");

describe("import-drift", () => {
  describe("the contract lists a stale internal import; the driver imports node:crypto, which it does not list", () => {
    const fixture = ruleFixture({
      [CONTRACT]: BASE_CONTRACT.replace("    - spine/db/index.ts\n", "    - spine/db/index.ts\n    - spine/db/legacy.ts\n"),
      "spine/drivers/ledger.ts": readFileSync(join(FIXTURES, "base/spine/drivers/ledger.ts"), "utf8").replace(
        'import { describeCommitment, type Transaction } from "../db/index.js";',
        'import { describeCommitment, type Transaction } from "../db/index.js";\nimport "node:crypto";',
      ),
    });

    it("reports each differing section at its value in the contract, with the diff and the list to write", () => {
      expect(importDrift.check(fixture.context())).toEqual([
        {
          file: CONTRACT,
          // The sequence under actual_imports.internal.
          line: 37,
          column: 5,
          message: "actual_imports.internal of spine/drivers/ledger.ts differs from the code:\n- spine/db/legacy.ts",
          contract: CONTRACT,
          target: "actual_imports.internal",
          fix: "Make actual_imports.internal list exactly: [spine/db/index.ts] (--update writes it), or change the imports of spine/drivers/ledger.ts.",
        },
        {
          file: CONTRACT,
          // The `[]` of actual_imports.external.
          line: 39,
          column: 13,
          message: "actual_imports.external of spine/drivers/ledger.ts differs from the code:\n+ node:crypto",
          contract: CONTRACT,
          target: "actual_imports.external",
          fix: "Make actual_imports.external list exactly: [node:crypto] (--update writes it), or change the imports of spine/drivers/ledger.ts.",
        },
      ]);
    });

    it("reports nothing when the contract is out of scope", () => {
      expect(importDrift.check(fixture.context((path) => path !== CONTRACT))).toEqual([]);
    });
  });

  describe("the base repository: actual_imports lists the driver's one import", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(importDrift.check(fixture.context())).toEqual([]);
    });
  });
});
