/**
 * The SARIF 2.1.0 report, for code-scanning tools: the rule catalogue of
 * the registry, one result per violation with the engines that found it,
 * and each warning as a notification of the run's invocation.
 */
import type { CheckResult } from "../result.js";

/** Formats a result as a SARIF 2.1.0 log with one run. */
export function formatSarif(result: CheckResult): string {
  const ids = result.rules.map((rule) => rule.id);
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "spine-check",
            informationUri: "https://github.com/spine/spine#boundary-checker",
            rules: result.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              help: { text: rule.help },
              defaultConfiguration: { level: "error" },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.warnings.map((warning) => ({
              level: "warning",
              message: { text: warning.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: warning.file, uriBaseId: "%SRCROOT%" },
                    ...(warning.line === undefined ? {} : { region: { startLine: warning.line, startColumn: warning.column ?? 1 } }),
                  },
                },
              ],
            })),
          },
        ],
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
          properties: { engines: v.engines },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
