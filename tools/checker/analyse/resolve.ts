/**
 * Resolves module specifiers the way TypeScript does: the project's tsconfig
 * (`paths`, `baseUrl`, `moduleResolution`), package.json `imports` (`#…`),
 * and the `.js` specifier that names a `.ts` file. A specifier TypeScript's
 * Node16/NodeNext mode rejects (a folder with an `index` file, an extensionless
 * relative path) is retried in bundler mode, which accepts those. A relative
 * or aliased specifier that names an existing file TypeScript does not load
 * (`.css`, `.svg`, `.vue`…) resolves to that file: assets are dependencies
 * like any other. Given a recorder, the resolver reports what it looks at on
 * the disk (every file and folder it looks for, the manifests it reads, the
 * links it follows), so that a cached resolution can be checked against the
 * disk before it is served (`cache/disk-facts.ts`).
 */
import { builtinModules } from "node:module";
import { dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import type { ts } from "ts-morph";
import type { DiskFactRecorder } from "../cache/disk-facts.js";
import { typescript } from "./typescript.js";
import { relativePosix } from "../files/posix.js";

/** Where a specifier leads. */
export type Resolution =
  /** A file of this repository, by repository-relative path. */
  | { readonly kind: "internal"; readonly path: string }
  /**
   * A package (or a `node:` built-in): its package name, and the module as
   * written (`react-dom/server`; a built-in always with `node:`, `node:fs/promises`).
   */
  | { readonly kind: "external"; readonly packageName: string; readonly module: string }
  /** A relative or aliased specifier that leads nowhere. */
  | { readonly kind: "unresolved" };

/** Resolves specifiers from files of one repository. */
export interface SpecifierResolver {
  /** Resolves `specifier` as written in `fromFile` (repository-relative). */
  resolve(specifier: string, fromFile: string): Resolution;
  /** The compiler options in use, for building a ts-morph project. */
  readonly compilerOptions: ts.CompilerOptions;
}

const BUILTINS = new Set(builtinModules);

/** The package name of a bare specifier: `@scope/pkg/sub` → `@scope/pkg`, `node:fs` → `node:fs`. */
export function packageNameOf(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier.split("/")[0] ?? specifier;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return BUILTINS.has(name) ? `node:${name}` : name;
}

/** The module a bare specifier names, as written, a built-in always with `node:` (`fs/promises` → `node:fs/promises`). */
export function moduleIdOf(specifier: string): string {
  return !specifier.startsWith("node:") && packageNameOf(specifier).startsWith("node:") ? `node:${specifier}` : specifier;
}

/** The resolution of a package (or built-in) specifier. */
export function externalOf(specifier: string): Resolution {
  const bare = specifier.endsWith("/") && specifier.length > 1 ? specifier.slice(0, -1) : specifier;
  return { kind: "external", packageName: packageNameOf(bare), module: moduleIdOf(bare) };
}

/**
 * The resource a webpack request names, without its inline loaders
 * (`!raw-loader!../icon.svg` → `../icon.svg`; `-!`, `!!` and chained
 * loaders alike), as webpack and dependency-cruiser read it; any other
 * specifier as it is.
 */
export function resourceOf(specifier: string): string {
  const bang = specifier.lastIndexOf("!");
  return bang < 0 || bang === specifier.length - 1 ? specifier : specifier.slice(bang + 1);
}

function isRelative(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../") || isAbsolute(specifier);
}

/** TypeScript's file system, with every lookup, read and link it makes reported to `lookedAt`. */
function recordingHost(sys: ts.System, lookedAt: DiskFactRecorder): ts.ModuleResolutionHost {
  const realpath = sys.realpath;
  return {
    fileExists(path) {
      const found = sys.fileExists(path);
      lookedAt.looked(path, found);
      return found;
    },
    directoryExists(path) {
      const found = sys.directoryExists(path);
      lookedAt.looked(path, found);
      return found;
    },
    readFile(path) {
      const text = sys.readFile(path);
      if (text !== undefined) lookedAt.read(path);
      return text;
    },
    ...(realpath === undefined
      ? {}
      : {
          realpath(path: string) {
            const real = realpath(path);
            if (real !== path) lookedAt.linked(path, real);
            return real;
          },
        }),
    getCurrentDirectory: () => sys.getCurrentDirectory(),
    getDirectories: (path) => sys.getDirectories(path),
    useCaseSensitiveFileNames: sys.useCaseSensitiveFileNames,
  };
}

/**
 * Creates a resolver for the repository at `root` with the given compiler options.
 * @param aliasPatterns - the `paths` patterns whose specifiers are unresolvable when they lead nowhere (default: every pattern of `paths`); a pattern added for a workspace package is not one of them: a missing module of a package (a file its build generates) is the package's, as any other package's.
 * @param lookedAt - told of every file and folder the resolver looks for, reads or follows (default: nobody).
 */
export function createResolver(root: string, compilerOptions: ts.CompilerOptions, aliasPatterns?: readonly string[], lookedAt?: DiskFactRecorder): SpecifierResolver {
  const ts = typescript();
  const host: ts.ModuleResolutionHost = lookedAt === undefined ? ts.sys : recordingHost(ts.sys, lookedAt);
  const bundlerOptions: ts.CompilerOptions = {
    ...compilerOptions,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const cache = ts.createModuleResolutionCache(root, (s) => s, compilerOptions);
  const bundlerCache = ts.createModuleResolutionCache(root, (s) => s, bundlerOptions);
  const memo = new Map<string, Resolution>();

  const attempt = (specifier: string, containing: string): ts.ResolvedModuleFull | undefined => {
    const first = ts.resolveModuleName(specifier, containing, compilerOptions, host, cache, undefined, ts.ModuleKind.ESNext);
    if (first.resolvedModule) return first.resolvedModule;
    return ts.resolveModuleName(specifier, containing, bundlerOptions, host, bundlerCache).resolvedModule;
  };

  const aliases = Object.entries(compilerOptions.paths ?? {});
  const aliasBase =
    compilerOptions.baseUrl ?? (compilerOptions as ts.CompilerOptions & { readonly pathsBasePath?: string }).pathsBasePath ?? root;
  const checkedPatterns = aliasPatterns ?? aliases.map(([pattern]) => pattern);
  const isAlias = (specifier: string): boolean => checkedPatterns.some((pattern) => aliasMatches(pattern, specifier));
  /** The existing file a relative or aliased specifier names as written (an asset TypeScript does not load). */
  const isFile = (path: string): boolean => host.fileExists(path);
  const assetFile = (specifier: string, fromFile: string): string | undefined => {
    if (isRelative(specifier)) return [resolvePath(root, dirname(fromFile), specifier)].find(isFile);
    return aliases
      .filter(([pattern]) => aliasMatches(pattern, specifier))
      .flatMap(([pattern, targets]) => {
        const star = pattern.indexOf("*");
        const matched = star < 0 ? "" : specifier.slice(star, specifier.length - (pattern.length - star - 1));
        return targets.map((target) => resolvePath(aliasBase, target.replace("*", matched)));
      })
      .find(isFile);
  };
  const inRepository = (absolute: string, specifier: string): Resolution => {
    const rel = relativePosix(root, absolute);
    return rel.startsWith("../") || isAbsolute(rel) ? { kind: "external", packageName: specifier, module: specifier } : { kind: "internal", path: rel };
  };

  const resolve = (written: string, fromFile: string): Resolution => {
    const request = resourceOf(written);
    // `pkg/` names the package itself, as Node.js reads it.
    const specifier = request.length > 1 && request.endsWith("/") && !isRelative(request) ? request.slice(0, -1) : request;
    const slash = fromFile.lastIndexOf("/");
    const key = `${slash < 0 ? "" : fromFile.slice(0, slash)}\u0000${specifier}`;
    const known = memo.get(key);
    if (known) return known;
    const resolved = attempt(specifier, join(root, fromFile));
    let result: Resolution;
    if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes("/node_modules/")) {
      result = inRepository(resolved.resolvedFileName, specifier);
    } else if (resolved && (isRelative(specifier) || specifier.startsWith("#"))) {
      result = { kind: "external", packageName: specifier, module: specifier };
    } else if (!resolved && (isRelative(specifier) || specifier.startsWith("#") || isAlias(specifier))) {
      const asset = specifier.startsWith("#") ? undefined : assetFile(specifier, fromFile);
      result = asset === undefined ? { kind: "unresolved" } : inRepository(asset, specifier);
    } else {
      result = externalOf(specifier);
    }
    memo.set(key, result);
    return result;
  };

  return { resolve, compilerOptions };
}

/**
 * A resolver that builds the real one with `make` on first use, so that a
 * run whose resolutions all come from the cache never reads the tsconfig
 * with TypeScript.
 */
export function lazyResolver(make: () => SpecifierResolver): SpecifierResolver {
  let made: SpecifierResolver | undefined;
  const get = (): SpecifierResolver => (made ??= make());
  return {
    resolve: (specifier, fromFile) => get().resolve(specifier, fromFile),
    get compilerOptions() {
      return get().compilerOptions;
    },
  };
}

/** True when `specifier` matches the tsconfig `paths` pattern (one `*` at most). */
export function aliasMatches(pattern: string, specifier: string): boolean {
  const star = pattern.indexOf("*");
  if (star < 0) return pattern === specifier;
  return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
}
