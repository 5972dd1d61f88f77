/**
 * The report formats, by name.
 */
import type { CheckResult } from "../main.js";
import { formatGithub } from "./github.js";
import { formatHuman } from "./human.js";
import { formatJson } from "./json.js";
import { formatSarif } from "./sarif.js";

/** The names accepted by `--format`. */
export const FORMATS = ["human", "json", "github", "sarif"] as const;

/** One of {@link FORMATS}. */
export type FormatName = (typeof FORMATS)[number];

/** Formats a result in the named format. */
export function formatResult(result: CheckResult, format: FormatName): string {
  switch (format) {
    case "human":
      return formatHuman(result);
    case "json":
      return formatJson(result);
    case "github":
      return formatGithub(result);
    case "sarif":
      return formatSarif(result);
  }
}
