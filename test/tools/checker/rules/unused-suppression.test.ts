/**
 * The rule `unused-suppression` on its own: for a valid `spine-check-ignore`
 * comment (parsed with the checker's own parser) that silences nothing,
 * `explain` gives the finding at the comment, with the comment as target and
 * the line it covers in the message; the policy stage reports exactly that
 * finding, as a warning, and none for a comment that silences a finding.
 */
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../../../tools/checker/analyse/facts/extract.js";
import { parseSource } from "../../../../tools/checker/analyse/parse.js";
import { applyPolicy } from "../../../../tools/checker/policy/apply.js";
import { DEFAULT_SEVERITIES } from "../../../../tools/checker/policy/severities.js";
import { coveredLine } from "../../../../tools/checker/policy/suppressions.js";
import type { Violation } from "../../../../tools/checker/result.js";
import { unusedSuppression } from "../../../../tools/checker/rules/unused-suppression.js";

const FILE = "api/waivers.ts";
const SOURCE = [
  "// spine-check-ignore inbound-boundary -- the refund route predates the orchestrator",
  'import { post } from "../spine/drivers/ledger.js";',
  "",
  "export const refund = post; // spine-check-ignore no-circular -- nothing here is circular",
  "",
].join("\n");
const COMMENTS = extractFacts(parseSource(FILE, SOURCE)).suppressions;
const FIX = "Delete the comment, or move it to the line before (or the end of) the line of the finding it should silence.";

/** The inbound-boundary finding the first comment silences. */
const SILENCED: Violation = {
  ruleId: "inbound-boundary",
  engines: ["ts-morph"],
  file: FILE,
  line: 2,
  column: 1,
  message: "api/waivers.ts may not depend on spine/drivers/ledger.ts",
  contract: "contracts/drivers/ledger.contract.yaml",
  fix: "Go through an allowed layer.",
  target: "spine/drivers/ledger.ts",
};

describe("unused-suppression", () => {
  it("explains a comment that silences nothing at the comment, naming its rule and the line it covers", () => {
    const comment = COMMENTS[1];
    if (comment === undefined) throw new Error("the source has two suppression comments");
    const site = { file: FILE, line: comment.line, column: comment.column, text: comment.text, problem: `no no-circular finding on line ${coveredLine(comment, COMMENTS)}` };
    expect(unusedSuppression.explain(site)).toEqual({
      file: FILE,
      line: 4,
      column: 29,
      message: '"spine-check-ignore no-circular -- nothing here is circular" silences nothing: no no-circular finding on line 4',
      contract: "contracts/project.yaml",
      fix: FIX,
      target: "spine-check-ignore no-circular -- nothing here is circular",
    });
  });

  it("is what the policy stage reports, as a warning, for the unused comment only (the used one silences its finding)", () => {
    const outcome = applyPolicy({ violations: [SILENCED], suppressions: [{ file: FILE, comments: COMMENTS }], severities: DEFAULT_SEVERITIES, engines: ["ts-morph"] });
    expect(outcome.violations.filter((violation) => violation.ruleId === "unused-suppression")).toEqual([
      {
        ...unusedSuppression.explain({ file: FILE, line: 4, column: 29, text: "spine-check-ignore no-circular -- nothing here is circular", problem: "no no-circular finding on line 4" }),
        ruleId: "unused-suppression",
        engines: ["ts-morph"],
        severity: "warning",
        baseline: "new",
      },
    ]);
    expect(outcome.violations.find((violation) => violation.ruleId === "inbound-boundary")?.suppressed).toEqual({ line: 1, reason: "the refund route predates the orchestrator" });
  });

  it("reports nothing when every comment silences a finding", () => {
    const circular: Violation = { ...SILENCED, ruleId: "no-circular", line: 4, column: 1 };
    const outcome = applyPolicy({ violations: [SILENCED, circular], suppressions: [{ file: FILE, comments: COMMENTS }], severities: DEFAULT_SEVERITIES, engines: ["ts-morph"] });
    expect(outcome.violations.filter((violation) => violation.ruleId === "unused-suppression")).toEqual([]);
  });
});
