/**
 * The specifier resolver of a configuration, shared by the ts-morph engine's
 * graph and the dependency-cruiser engine's cache: TypeScript's, with the
 * tsconfig's `paths` and the workspace packages' aliases, built on first use
 * (a run whose resolutions all come from the cache never reads the tsconfig
 * with TypeScript).
 */
import { createResolver, lazyResolver, type SpecifierResolver } from "../analyse/resolve.js";
import { readCompilerOptions } from "../analyse/tsconfig/compiler-options.js";
import { withAliases } from "../analyse/workspaces/paths.js";
import type { DiskFactRecorder } from "../cache/disk-facts.js";
import type { Configuration } from "./configuration.js";

/**
 * The resolver of `configuration`.
 * @param lookedAt - told of every file and folder it looks for, reads or follows.
 * @throws {CheckerConfigError} on first use, for a tsconfig TypeScript cannot read.
 */
export function configurationResolver(configuration: Pick<Configuration, "root" | "tsconfig" | "workspaces">, lookedAt?: DiskFactRecorder): SpecifierResolver {
  const { root, tsconfig, workspaces } = configuration;
  return lazyResolver(() => {
    const compilerOptions = readCompilerOptions(root, tsconfig.resolution);
    return createResolver(root, withAliases(compilerOptions, workspaces.aliases, root), Object.keys(compilerOptions.paths ?? {}), lookedAt);
  });
}
