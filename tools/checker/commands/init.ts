/**
 * `spine-check init`: writes `contracts/project.yaml` for the repository it
 * finds (tsconfig, workspace packages, scan globs; layer rules translated
 * from a dependency-cruiser configuration with `--from-depcruise`), prints
 * what it detected and the next step. It never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { detectRepository } from "../adopt/detect.js";
import { ignoreCacheFolder } from "../adopt/gitignore.js";
import { projectFileText } from "../adopt/project-file.js";
import { optionLines, type OptionSpecs, parseOptions, reportError } from "../cli-kit.js";
import { PROJECT_FILE } from "../contracts/paths.js";
import type { Translation } from "../adopt/depcruise/translate.js";
import { CheckerConfigError } from "../errors.js";
import { type CommandSpec, workingFolder } from "./command.js";

/** The options of `init`. */
export const INIT_OPTION_SPECS = {
  root: { type: "string", value: "DIR", description: "the repository", defaultText: "the current folder" },
  "from-depcruise": {
    type: "string",
    value: "FILE",
    description: "translate the forbidden rules of a dependency-cruiser configuration into layer rules (the file is run, as dependency-cruiser runs it)",
  },
  "cache-dir": {
    type: "string",
    value: "DIR",
    description: "the cache folder you will pass to the check: when it lies in the repository outside node_modules, it is added to .gitignore",
  },
  help: { type: "boolean", short: "h", description: "show this text" },
} as const satisfies OptionSpecs;

/** The usage text of `init`. */
export const INIT_USAGE = `Usage: spine-check init [options]

Writes contracts/project.yaml for the repository: the tsconfig it finds
(following references), its workspace packages, the scan globs, and an
example layer rule. Never overwrites an existing file.

Options:
${optionLines(INIT_OPTION_SPECS)}
`;

/** How many workspace packages `init` names before it says "and N more". */
const LISTED_PACKAGES = 10;

/** The lines `init` prints about a translation. */
function translationLines(file: string, translation: Translation): string[] {
  const lines = [`  from ${file}: ${translation.translated.length} rules translated, ${translation.notTranslated.length} not translated`];
  for (const rule of translation.translated) {
    lines.push(`    translated: ${rule.rule} -> ${rule.into}`);
    for (const approximation of rule.approximations) lines.push(`      approximated: ${approximation}`);
  }
  for (const rule of translation.notTranslated) lines.push(`    not translated: ${rule.rule}: ${rule.reason}`);
  return lines;
}

/** The `init` command. */
export const initCommand: CommandSpec = {
  name: "init",
  summary: "write contracts/project.yaml for this repository",
  synopsis: "spine-check init [options]",
  options: INIT_OPTION_SPECS,
  usage: INIT_USAGE,
  async run(argv, io) {
    const command = { name: "spine-check init", usage: INIT_USAGE };
    const values = parseOptions(command, io, argv, INIT_OPTION_SPECS);
    if (typeof values === "number") return values;
    if (values.help) {
      io.stdout(INIT_USAGE);
      return 0;
    }
    try {
      const cwd = workingFolder(io);
      const root = resolve(cwd, values.root ?? ".");
      if (!existsSync(root)) throw new CheckerConfigError(`--root: no such folder: ${root}`);
      const target = join(root, PROJECT_FILE);
      if (existsSync(target)) throw new CheckerConfigError(`${PROJECT_FILE} already exists in ${root}; init never overwrites it (edit it, or delete it and run init again).`);
      const detected = detectRepository(root);
      let translation: Translation | undefined;
      const from = values["from-depcruise"];
      if (from !== undefined) {
        const [{ loadDepcruiseConfig }, { translateDepcruise }] = await Promise.all([import("../adopt/depcruise/load.js"), import("../adopt/depcruise/translate.js")]);
        translation = translateDepcruise(await loadDepcruiseConfig(resolve(cwd, from)), from);
      }
      const listed = detected.packages.slice(0, LISTED_PACKAGES).map((p) => `${p.name} (${p.folder}${p.entry === undefined ? "" : ` -> ${p.entry}`})`);
      const more = detected.packages.length - listed.length;
      const packages = more > 0 ? [...listed, `and ${more} more`] : listed;
      const scanFrom =
        detected.scanFrom.length === 0
          ? "every source file (no tsconfig to take them from)"
          : `the files ${detected.scanFrom.length === 1 ? detected.scanFrom[0] : `${detected.scanFrom.length} tsconfigs`} compile${detected.scanFrom.length === 1 ? "s" : ""}`;
      const notes = [
        `tsconfig: ${detected.tsconfig === undefined ? "none found" : `${detected.tsconfig.path} (${detected.tsconfig.how})`}`,
        `workspace packages: ${detected.packages.length}${detected.manager === undefined ? "" : ` (${detected.manager})`}, resolved to their sources`,
        `scanned files: ${detected.sources}, ${scanFrom}`,
        ...(from === undefined ? [] : [`layer rules translated from ${from}`]),
      ];
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(
        target,
        projectFileText({
          ...(detected.tsconfig === undefined ? {} : { tsconfig: detected.tsconfig.path }),
          scan: detected.scan,
          layers: translation?.layers ?? [],
          rules: translation?.rules ?? {},
          notes,
        }),
      );
      const cacheDir = values["cache-dir"];
      const ignored = cacheDir === undefined ? undefined : ignoreCacheFolder(root, resolve(cwd, cacheDir));
      const layers = translation?.layers.length ?? 0;
      const lines = [
        `spine-check init: ${root}`,
        `  tsconfig: ${detected.tsconfig === undefined ? "none found (TypeScript's defaults resolve specifiers)" : `${detected.tsconfig.path} (${detected.tsconfig.how})`}`,
        `  workspace packages: ${detected.packages.length === 0 ? "none" : `${detected.packages.length}${detected.manager === undefined ? "" : ` (${detected.manager})`}: ${packages.join(", ")}`}`,
        `  scan: ${detected.sources} files, ${scanFrom}`,
        `    include: ${detected.scan.include.join(", ")}`,
        `    exclude: ${detected.scan.exclude.join(", ")}`,
        ...(translation === undefined || from === undefined ? [] : translationLines(from, translation)),
        `wrote ${PROJECT_FILE}${layers === 0 ? "" : ` with ${layers} layer rule${layers === 1 ? "" : "s"}`}`,
        ...(ignored === undefined ? [] : [`added ${ignored} to .gitignore (the cache folder)`]),
        "",
        "Next:",
        ...(layers === 0 ? ["  1. add your layer rules to contracts/project.yaml (an example is in it), and/or", "     contract a module: npx spine-check contract src/some/module.ts"] : ["  1. check: npx spine-check"]),
        "  2. accept today's violations as known: npx spine-check --update-baseline",
        "     (new violations still fail; commit contracts/)",
        "",
      ];
      io.stdout(lines.join("\n"));
      return 0;
    } catch (error) {
      return reportError(command, io, error);
    }
  },
};
