/**
 * The text `spine-check init` writes into `contracts/project.yaml`: every
 * key with a comment that says what it does, the layer rules it was given
 * (or a commented example), and the rules' severities (those it sets, and
 * the others commented out at their defaults).
 */
import { stringify } from "yaml";
import type { LayerRule, SeveritySetting } from "../contracts/types.js";
import { DEFAULT_BASELINE } from "../policy/baseline-file.js";
import { RULES } from "../rules/registry.js";

/** What the file holds. */
export interface ProjectDraft {
  /** The tsconfig (absent when the repository has none). */
  readonly tsconfig?: string;
  readonly scan: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly layers: readonly LayerRule[];
  /** Severities set explicitly. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  /** Lines of the comment at the top (what was detected). */
  readonly notes: readonly string[];
}

/** A value as YAML, indented by `indent` spaces after its first line. */
function yaml(value: unknown, indent = 0): string {
  return stringify(value, { lineWidth: 0 })
    .replace(/\n$/, "")
    .split("\n")
    .map((line, index) => (index === 0 ? line : `${" ".repeat(indent)}${line}`))
    .join("\n");
}

/** A layer rule without its empty optional lists, in the order docs/checker.md documents the keys. */
function layerData(layer: LayerRule): Record<string, unknown> {
  return {
    name: layer.name,
    from: layer.from,
    ...(layer.except.length > 0 ? { except: layer.except } : {}),
    ...(layer.forbidden.length > 0 ? { forbidden: layer.forbidden } : {}),
    ...(layer.allow.length > 0 ? { allow: layer.allow } : {}),
    ...(layer.only === undefined ? {} : { only: layer.only }),
    ...(layer.type_imports === undefined ? {} : { type_imports: layer.type_imports }),
    reason: layer.reason,
  };
}

const EXAMPLE_LAYER = [
  "# layers:",
  "#   - name: ui-never-imports-server",
  '#     from: ["src/ui/**"]',
  '#     except: ["src/ui/server-bridge.ts"]     # files of `from` the rule does not govern',
  '#     forbidden: ["src/server/**", "node:*"]  # files and packages (by name) they may not use',
  '#     allow: ["src/server/types.ts"]          # exempt from `forbidden`',
  "#     reason: The UI runs in the browser; it talks to the server over HTTP.",
  "#   - name: cli-only-uses-main",
  '#     from: ["src/cli/**"]',
  '#     only: ["src/main/**"]                   # the only repository files it may use (packages stay free)',
  "#     reason: The command line is a thin shell over main.",
];

/** The text of `contracts/project.yaml`. */
export function projectFileText(draft: ProjectDraft): string {
  const lines: string[] = [
    "# spine-check's settings for this repository, written by `spine-check init`.",
    ...draft.notes.map((note) => `# ${note}`),
    "# Paths are globs from the repository root (`**` any folders, `*` any name).",
    "",
  ];
  if (draft.tsconfig === undefined) {
    lines.push("# No tsconfig was found: specifiers resolve with TypeScript's defaults.", "# tsconfig: tsconfig.json", "");
  } else {
    lines.push("# The tsconfig whose compilerOptions (paths, moduleResolution) resolve specifiers.", `tsconfig: ${yaml(draft.tsconfig)}`, "");
  }
  lines.push("# The files checked (init took them from the tsconfigs: widen include to check more).", `scan:\n  ${yaml(draft.scan, 2)}`, "");
  lines.push("# `count`: `import type` is a dependency like any other; `exempt`: ignored.", "type_imports: count", "");
  lines.push("# Files that must each have a contract (`spine-check contract FILE` writes one).", "coverage: []", "");
  lines.push("# Layer rules: a file of `from` may not depend on what `forbidden` matches.");
  if (draft.layers.length === 0) lines.push(...EXAMPLE_LAYER, "layers: []");
  else lines.push(`layers:\n  ${yaml(draft.layers.map(layerData), 2)}`);
  lines.push("", "# Severities: error (fails the check), warn (reported, passes) or off.", "rules:");
  const set = Object.entries(draft.rules);
  for (const rule of RULES) {
    const setting = draft.rules[rule.id];
    lines.push(setting === undefined ? `  # ${rule.id}: ${rule.defaultSeverity ?? "error"}` : `  ${rule.id}: ${setting}`);
  }
  if (set.length === 0) lines[lines.length - RULES.length - 1] = "rules: {}";
  lines.push("", "# Known violations (`spine-check --update-baseline` writes it): they are reported, not failed.", `baseline: ${DEFAULT_BASELINE}`, "");
  return lines.join("\n");
}
