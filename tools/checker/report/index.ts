/**
 * The report formats, one module each, registered in {@link FORMATTERS}.
 */
import type { CheckResult } from "../result.js";
import { formatGithub } from "./github.js";
import { formatHuman } from "./human.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";

/** Every format, by the name `--format` takes. */
export const FORMATTERS = {
  human: formatHuman,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
} as const satisfies Record<string, (result: CheckResult) => string>;

/** A name `--format` accepts. */
export type FormatName = keyof typeof FORMATTERS;

/** The names `--format` accepts, in usage order. */
export const FORMATS = Object.keys(FORMATTERS) as FormatName[];

/** Formats a result in the named format. */
export function formatResult(result: CheckResult, format: FormatName): string {
  return FORMATTERS[format](result);
}
