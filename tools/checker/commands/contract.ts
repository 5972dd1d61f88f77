/**
 * `spine-check contract FILE`: writes the contract of one module, with
 * `exports` and `actual_imports` from the code and `allowed_inbound`
 * proposed from the folders that depend on it today, so that the next
 * check passes. It never overwrites a contract.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CACHE_DIR } from "../cache/store.js";
import { optionLines, type OptionSpecs, reportError } from "../cli-kit.js";
import { CheckerConfigError } from "../errors.js";
import { type CommandSpec, parseWithPositionals, ROOT_DEFAULT, repositoryRoot, workingFolder } from "./command.js";
import { relativePosix } from "../files/posix.js";

/** The options of `contract`. */
export const CONTRACT_OPTION_SPECS = {
  root: { type: "string", value: "DIR", description: "the repository", defaultText: ROOT_DEFAULT },
  "cache-dir": { type: "string", value: "DIR", description: "where the cache is kept", defaultText: `${CACHE_DIR}/ of the repository` },
  "no-cache": { type: "boolean", description: "do not read or write the cache" },
  help: { type: "boolean", short: "h", description: "show this text" },
} as const satisfies OptionSpecs;

/** The usage text of `contract`. */
export const CONTRACT_USAGE = `Usage: spine-check contract FILE [options]

Writes the contract of the module FILE (contracts/<path>.contract.yaml):
exports and actual_imports read from the code, allowed_inbound proposed from
the folders that depend on it today (so the next check passes), placement
and pairing to fill in. Never overwrites a contract.

Options:
${optionLines(CONTRACT_OPTION_SPECS)}
`;

/** The `contract` command. */
export const contractCommand: CommandSpec = {
  name: "contract",
  summary: "write the contract of one module (FILE)",
  synopsis: "spine-check contract FILE [options]",
  options: CONTRACT_OPTION_SPECS,
  usage: CONTRACT_USAGE,
  async run(argv, io) {
    const command = { name: "spine-check contract", usage: CONTRACT_USAGE };
    const parsed = parseWithPositionals(
      command,
      io,
      argv,
      CONTRACT_OPTION_SPECS,
      { count: 1, name: "one FILE" },
    );
    if (typeof parsed === "number") return parsed;
    if (parsed.values.help) {
      io.stdout(CONTRACT_USAGE);
      return 0;
    }
    try {
      const cwd = workingFolder(io);
      const root = repositoryRoot(parsed.values.root, io);
      const absolute = resolve(cwd, parsed.positionals[0] as string);
      const file = relativePosix(root, absolute);
      if (file.startsWith("..") || !existsSync(absolute)) throw new CheckerConfigError(`${parsed.positionals[0]}: no such file in ${root}`);
      const [{ openRepository }, { draftContract }] = await Promise.all([import("../repository/open.js"), import("../adopt/contract.js")]);
      const cacheDir = parsed.values["cache-dir"];
      const repository = openRepository({ root, nothingToCheck: "allowed", cache: parsed.values["no-cache"] !== true, ...(cacheDir === undefined ? {} : { cacheDir: resolve(cwd, cacheDir) }) });
      const existing = repository.contracts.find((contract) => contract.data.placement.file === file);
      if (existing !== undefined) throw new CheckerConfigError(`${file} already has a contract: ${existing.contractFile}`);
      const draft = draftContract(repository, file, readFileSync(absolute, "utf8"));
      const target = join(root, draft.contractFile);
      if (existsSync(target)) throw new CheckerConfigError(`${draft.contractFile} already exists; contract never overwrites it`);
      repository.cache.save();
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, draft.text);
      const exports = draft.data.exports === undefined ? undefined : Object.values(draft.data.exports).reduce((sum: number, list: readonly unknown[]) => sum + list.length, 0);
      const imports = draft.data.actual_imports ?? { internal: [], external: [] };
      const inbound = draft.data.boundary.allowed_inbound;
      io.stdout(
        [
          `wrote ${draft.contractFile}`,
          `  exports: ${exports ?? "not read (the file is over limits.analyse_bytes): left out"}; actual_imports: ${imports.internal.length} internal, ${imports.external.length} external`,
          `  allowed_inbound: ${inbound.length === 0 ? "none (nothing depends on it today)" : inbound.join(", ")}`,
          `    (${draft.importers.length} file${draft.importers.length === 1 ? "" : "s"} depend on it today${draft.mergedToDepth === undefined ? "" : `; folders merged to depth ${draft.mergedToDepth}`})`,
          "Next: narrow allowed_inbound to the layers that should depend on it, then run npx spine-check.",
          "",
        ].join("\n"),
      );
      return 0;
    } catch (error) {
      return reportError(command, io, error, false);
    }
  },
};
