/**
 * The SARIF 2.1.0 report, for code-scanning tools: the tool with its
 * version and documentation address, the rule catalogue of the registry
 * with each rule's level in this run, one result per violation with the
 * engines that found it, its level, its baseline state (when a baseline is
 * in use) and its inline suppression, and each warning of the run as a
 * notification of its invocation. Paths are relative to the git working
 * tree's root.
 */
import { type CheckResult, isFailing, type ReportedViolation, reportedPath, type RuleInfo } from "../result.js";

/** The SARIF level of a rule's setting. */
function levelOf(level: RuleInfo["level"]): "error" | "warning" | "none" {
  if (level === "off") return "none";
  return level === "warn" ? "warning" : "error";
}

/** One SARIF result. */
function resultOf(result: CheckResult, ids: readonly string[], v: ReportedViolation): Record<string, unknown> {
  return {
    ruleId: v.ruleId,
    ruleIndex: ids.indexOf(v.ruleId),
    level: v.severity,
    message: { text: `${v.message}\ncontract: ${v.contract}\nfix: ${v.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: reportedPath(result, v.file), uriBaseId: "%SRCROOT%" },
          region: { startLine: v.line, startColumn: v.column },
        },
      },
    ],
    ...(result.baseline === undefined ? {} : { baselineState: v.baseline === "known" ? "unchanged" : "new" }),
    ...(v.suppressed === undefined ? {} : { suppressions: [{ kind: "inSource", justification: v.suppressed.reason }] }),
    properties: { engines: v.engines },
  };
}

/** Formats a result as a SARIF 2.1.0 log with one run. */
export function formatSarif(result: CheckResult): string {
  const ids = result.rules.map((rule) => rule.id);
  const { name, version, informationUri } = result.tool;
  const violations = result.quiet ? result.violations.filter(isFailing) : result.violations;
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name,
            version,
            semanticVersion: version,
            ...(informationUri === undefined ? {} : { informationUri }),
            rules: result.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              help: { text: rule.help },
              defaultConfiguration: { level: levelOf(rule.level) },
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
                    artifactLocation: { uri: reportedPath(result, warning.file), uriBaseId: "%SRCROOT%" },
                    ...(warning.line === undefined ? {} : { region: { startLine: warning.line, startColumn: warning.column ?? 1 } }),
                  },
                },
              ],
            })),
          },
        ],
        results: violations.map((v) => resultOf(result, ids, v)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
