/**
 * The SARIF 2.1.0 report, for code-scanning tools.
 */
import type { CheckResult } from "../main.js";
import { RULES } from "../rules/catalogue.js";
import type { RuleId } from "../rules/types.js";

/** Formats a result as a SARIF 2.1.0 log with one run. */
export function formatSarif(result: CheckResult): string {
  const ids = Object.keys(RULES) as RuleId[];
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "spine-check",
            informationUri: "https://github.com/spine/spine#boundary-checker",
            rules: ids.map((id) => ({
              id,
              shortDescription: { text: RULES[id] },
              defaultConfiguration: { level: "error" },
            })),
          },
        },
        results: result.violations.map((v) => ({
          ruleId: v.ruleId,
          ruleIndex: ids.indexOf(v.ruleId),
          level: "error",
          message: { text: `${v.message}\ncontract: ${v.contract}\nfix: ${v.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: v.file, uriBaseId: "%SRCROOT%" },
                region: { startLine: v.line, startColumn: v.column },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
