/**
 * spine-check's ESLint plugin (`spine-check/eslint`, for ESLint 9 and 10
 * flat configuration): the file rules of spine-check (`inbound-boundary`,
 * `layer-boundary`, `unanalysable-import`, `reexport-laundering`,
 * `transaction-forbidden`) read the repository's `contracts/` and report in
 * the editor what `spine-check` reports in CI, with the same messages.
 *
 * ```js
 * import spine from "spine-check/eslint";
 * export default [spine.configs.recommended];
 * ```
 */
import type { ESLint, Linter } from "eslint";
import { FILE_RULES, fileRuleSeverity, packageInfo } from "../checker/index.js";
import { textParser } from "./parser.js";
import { repositoryAbove } from "./root.js";
import { rules } from "./rules.js";

/** The files spine-check scans by default. */
const SOURCE_FILES = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];

/** The plugin's namespace in configurations (`spine-check/inbound-boundary`). */
export const PLUGIN_NAMESPACE = "spine-check";

/**
 * The severity of each rule in a configuration: what `contracts/project.yaml`
 * of the repository at `root` sets (`error`, `warn`, `off`), or `error` for
 * every rule when there is no repository.
 * @throws {CheckerConfigError} for an invalid project file.
 */
export function ruleSeverities(root: string | undefined): Linter.RulesRecord {
  const severity = root === undefined ? () => "error" as const : fileRuleSeverity(root);
  return Object.fromEntries(FILE_RULES.map((id) => [`${PLUGIN_NAMESPACE}/${id}`, severity(id)]));
}

/** The plugin's configurations. */
export type Configs = {
  /** The rules on every JavaScript and TypeScript file, at the severities of the repository at or above the working directory; files are parsed by the configuration's parser (typescript-eslint for TypeScript). */
  readonly recommended: Linter.Config;
  /** `recommended` with a parser that parses nothing ({@link textParser}): for running spine-check's rules alone, without typescript-eslint. */
  readonly standalone: Linter.Config;
};

/** The plugin (the package's `spine-check/eslint` entry). */
export interface SpineCheckPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: Configs;
}

let recommended: Linter.Config | undefined;
let standalone: Linter.Config | undefined;

/** The plugin object. */
const plugin: SpineCheckPlugin = {
  meta: { name: "spine-check/eslint", version: packageInfo().version },
  rules,
  configs: {
    get recommended(): Linter.Config {
      return (recommended ??= { name: "spine-check/recommended", files: SOURCE_FILES, plugins: { [PLUGIN_NAMESPACE]: plugin }, rules: ruleSeverities(repositoryAbove(process.cwd())) });
    },
    get standalone(): Linter.Config {
      return (standalone ??= { ...plugin.configs.recommended, name: "spine-check/standalone", languageOptions: { parser: textParser } });
    },
  },
};

export { rules, textParser };
export default plugin;
