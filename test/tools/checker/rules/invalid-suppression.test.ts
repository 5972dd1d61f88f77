/**
 * The rule `invalid-suppression` on its own: for each `spine-check-ignore`
 * comment of a source (parsed with the checker's own parser) that the policy
 * stage finds invalid, `explain` gives the finding at the comment, with the
 * comment as target and what is wrong with it in the message; a valid
 * comment gives it nothing to explain. The policy stage reports exactly
 * these findings.
 */
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../../../tools/checker/analyse/facts/extract.js";
import { parseSource } from "../../../../tools/checker/analyse/parse.js";
import { applyPolicy } from "../../../../tools/checker/policy/apply.js";
import { DEFAULT_SEVERITIES } from "../../../../tools/checker/policy/severities.js";
import { readSuppressions } from "../../../../tools/checker/policy/suppressions.js";
import { invalidSuppression } from "../../../../tools/checker/rules/invalid-suppression.js";
import type { SuppressionSite } from "../../../../tools/checker/rules/rule.js";

const FILE = "api/waivers.ts";
const SOURCE = [
  "// spine-check-ignore",
  'import { post } from "../spine/drivers/ledger.js"; // spine-check-ignore no-such-rule -- reason',
  "  // spine-check-ignore inbound-boundary",
  'export { post } from "../spine/drivers/ledger.js";',
  "// spine-check-ignore inbound-boundary -- the refund route predates the orchestrator",
  'export { MAX_CENTS } from "../spine/drivers/ledger.js";',
  "",
].join("\n");
const FIX = "Write `// spine-check-ignore <rule-id> -- <reason>`: a rule id from the rule table, then `--` and why the finding is acceptable.";

/** The sites the policy stage passes to the rule for the invalid comments of `text`. */
function invalidSites(file: string, text: string): SuppressionSite[] {
  const comments = extractFacts(parseSource(file, text)).suppressions;
  return readSuppressions(comments).invalid.map(({ comment, problem }) => ({ file, line: comment.line, column: comment.column, text: comment.text, problem }));
}

describe("invalid-suppression", () => {
  it("explains a comment without a rule, with an unknown rule and without a reason, at the comment", () => {
    expect(invalidSites(FILE, SOURCE).map((site) => invalidSuppression.explain(site))).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        message: '"spine-check-ignore" is not a valid suppression: it names no rule',
        contract: "contracts/project.yaml",
        fix: FIX,
        target: "spine-check-ignore",
      },
      {
        file: FILE,
        line: 2,
        column: 52,
        message: '"spine-check-ignore no-such-rule -- reason" is not a valid suppression: "no-such-rule" is not a rule id',
        contract: "contracts/project.yaml",
        fix: FIX,
        target: "spine-check-ignore no-such-rule -- reason",
      },
      {
        file: FILE,
        line: 3,
        column: 3,
        message: '"spine-check-ignore inbound-boundary" is not a valid suppression: it gives no reason after "--"',
        contract: "contracts/project.yaml",
        fix: FIX,
        target: "spine-check-ignore inbound-boundary",
      },
    ]);
  });

  it("has nothing to explain for a valid comment", () => {
    expect(invalidSites(FILE, "// spine-check-ignore inbound-boundary -- the refund route predates the orchestrator\nexport {};\n")).toEqual([]);
  });

  it("is what the policy stage reports for the invalid comments", () => {
    const comments = extractFacts(parseSource(FILE, SOURCE)).suppressions;
    const outcome = applyPolicy({ violations: [], suppressions: [{ file: FILE, comments }], severities: DEFAULT_SEVERITIES, engines: ["ts-morph"] });
    const reported = outcome.violations.filter((violation) => violation.ruleId === "invalid-suppression");
    expect(reported).toEqual(invalidSites(FILE, SOURCE).map((site) => ({ ...invalidSuppression.explain(site), ruleId: "invalid-suppression", engines: ["ts-morph"], severity: "error", baseline: "new" })));
  });
});
