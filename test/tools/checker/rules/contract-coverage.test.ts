/**
 * The rule `contract-coverage` on its own: from a repository opened
 * in-process, its `check` reports a file in a covered folder without a
 * contract (at its first line, blaming the project file) and a contract
 * whose file does not exist (at its `placement.file`), and nothing for a
 * file outside the coverage globs, nor for the base repository.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractCoverage } from "../../../../tools/checker/rules/contract-coverage.js";
import { FIXTURES } from "../fixture.js";
import { ruleFixture } from "./context.js";

const GHOST = "contracts/drivers/ghost.contract.yaml";

describe("contract-coverage", () => {
  describe("an uncontracted driver, a contract of a deleted driver, and an uncontracted service outside the coverage", () => {
    const fixture = ruleFixture({
      "spine/drivers/audit-log.ts": "export const record = (event: string): string => event;\n",
      "spine/services/audit.ts": "export const audit = (event: string): string => event;\n",
      [GHOST]: readFileSync(join(FIXTURES, "base/contracts/drivers/ledger.contract.yaml"), "utf8").replace("  file: spine/drivers/ledger.ts", "  file: spine/drivers/ghost.ts"),
    });

    it("reports the contract of a missing file at its placement.file, and the uncontracted driver at its first line", () => {
      expect(contractCoverage.check(fixture.context())).toEqual([
        {
          file: GHOST,
          line: 4,
          column: 9,
          message: "the contract names spine/drivers/ghost.ts, which does not exist",
          contract: GHOST,
          fix: `Fix placement.file, or delete ${GHOST} if the module is gone.`,
          target: "spine/drivers/ghost.ts",
        },
        {
          file: "spine/drivers/audit-log.ts",
          line: 1,
          column: 1,
          message: "spine/drivers/audit-log.ts is in a covered folder (spine/drivers/**) but has no contract",
          contract: "contracts/project.yaml",
          fix: "Write contracts/drivers/audit-log.contract.yaml with `spine-check contract spine/drivers/audit-log.ts`.",
          target: "spine/drivers/audit-log.ts",
        },
      ]);
    });

    it("reports each finding only with its own file in scope", () => {
      expect(contractCoverage.check(fixture.context((path) => path === GHOST)).map((finding) => finding.file)).toEqual([GHOST]);
      expect(contractCoverage.check(fixture.context((path) => path === "spine/services/audit.ts"))).toEqual([]);
    });
  });

  describe("the base repository: the one driver has a contract", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(contractCoverage.check(fixture.context())).toEqual([]);
    });
  });
});
