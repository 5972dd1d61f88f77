/**
 * Writes values as contract YAML: the one place that decides how spine-check
 * prints YAML (`--update`'s sections, the fix hints that show YAML, the
 * docs' YAML blocks), so that what it prints is always valid YAML that reads
 * back as the same value (`@scope/pkg` and other values that need quotes get
 * them) and never folds long lines.
 */
import { stringify } from "yaml";

/**
 * The YAML text of `value`, without the final newline.
 * @param style - `block` (the default): one entry per line, as contracts
 *   are written; `flow`: on one line (`[a, "@scope/b"]`), for messages.
 */
export function yamlText(value: unknown, style: "block" | "flow" = "block"): string {
  return stringify(value, { lineWidth: 0, flowCollectionPadding: false, ...(style === "flow" ? { collectionStyle: "flow" } : {}) }).replace(/\n$/, "");
}
