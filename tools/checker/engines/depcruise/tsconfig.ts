/**
 * Reads the tsconfig dependency-cruiser compiles and resolves with, as
 * dependency-cruiser's own `extract-ts-config` does but without listing the
 * files its `include` matches: only the compiler options matter here, and
 * listing a large repository costs seconds. A tsconfig that lists no file
 * (a shared base in a folder without sources) is accepted, as the ts-morph
 * engine accepts it; any other error is a configuration error.
 */
import { dirname, resolve } from "node:path";
import type { ParsedCommandLine } from "typescript";
import { CheckerConfigError } from "../../errors.js";
import { relativePosix } from "../../files/posix.js";

/** 18002: the files list is empty; 18003: no inputs were found. Neither matters for compiler options. */
const IGNORED_CODES = new Set([18002, 18003]);

/**
 * Parses the tsconfig at `path` (absolute) with the installed typescript package.
 * @param root - the repository root, for paths in error messages.
 * @throws {CheckerConfigError} when TypeScript cannot read it.
 */
export async function parseTsconfig(root: string, path: string): Promise<ParsedCommandLine> {
  const { default: ts } = await import("typescript");
  const name = relativePosix(root, path);
  const format = (diagnostics: readonly import("typescript").Diagnostic[]): string =>
    diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error !== undefined) throw new CheckerConfigError(`${name}: cannot read the tsconfig: ${format([read.error])}`);
  const host = { ...ts.sys, readDirectory: (): string[] => [] };
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(resolve(path)), {}, path);
  const fatal = parsed.errors.filter((d) => !IGNORED_CODES.has(d.code));
  if (fatal.length > 0) throw new CheckerConfigError(`${name}: ${format(fatal)}`);
  return { ...parsed, errors: [] };
}
