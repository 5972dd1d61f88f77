/**
 * The compiler options that resolve specifiers, read with TypeScript from
 * the tsconfig the chain chose (see `chain.ts`).
 */
import type { ts } from "ts-morph";
import { CheckerConfigError } from "../../errors.js";
import { typescript } from "../typescript.js";
import { relativePosix } from "../../files/posix.js";

/** The options used when the project has no tsconfig. */
function defaultOptions(): ts.CompilerOptions {
  const ts = typescript();
  return { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: true };
}

/**
 * Reads the compiler options of the tsconfig at `path` (absolute), or the
 * defaults when there is none.
 * @param root - the repository root, for paths in error messages.
 * @throws {CheckerConfigError} when TypeScript cannot read the tsconfig.
 */
export function readCompilerOptions(root: string, path: string | undefined): ts.CompilerOptions {
  if (path === undefined) return defaultOptions();
  const ts = typescript();
  const name = relativePosix(root, path);
  const diagnostics: ts.Diagnostic[] = [];
  // The options are all that is needed: listing no folder skips expanding `include` over the whole tree.
  const host = { ...ts.sys, readDirectory: (): string[] => [], onUnRecoverableConfigFileDiagnostic: (d: ts.Diagnostic) => diagnostics.push(d) };
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, host);
  if (!parsed || diagnostics.length > 0) {
    const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
    throw new CheckerConfigError(`${name}: cannot read the tsconfig: ${text}`);
  }
  // 18002: the files list is empty; 18003: no inputs found. Neither matters for resolving specifiers.
  const fatal = parsed.errors.filter((d) => d.code !== 18002 && d.code !== 18003);
  if (fatal.length > 0) {
    const text = fatal.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
    throw new CheckerConfigError(`${name}: ${text}`);
  }
  return { ...parsed.options, allowJs: true, noEmit: true };
}
