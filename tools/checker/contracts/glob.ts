/**
 * Path globs of the contracts, converted to regular expressions. The same
 * conversion feeds the ts-morph checker and dependency-cruiser's rules, so
 * both read a glob identically.
 *
 * Syntax: `**` matches any number of path segments (including none), `*` any
 * characters except `/`, `?` one character except `/`, `{a,b}` alternatives.
 * Paths are relative to the repository root and use `/`. A glob must close
 * its braces and may hold at most {@link MAX_GLOB_WILDCARDS} wildcards
 * ({@link globProblem}); repeated `**` and `*` are collapsed, so that a
 * regular expression never backtracks over the same split twice.
 */
import { MAX_GLOB_LENGTH, MAX_GLOB_WILDCARDS } from "../limits.js";

/** Characters that must be escaped in a regular expression. */
const SPECIAL = new Set([".", "+", "^", "$", "(", ")", "|", "[", "]", "\\", "/"]);

/** Every glob compiled in this process (a regular expression without flags keeps no state, so one serves every matcher). */
const COMPILED = new Map<string, RegExp>();

/**
 * Converts one glob to the source of an anchored regular expression
 * (`^…$`), usable in dependency-cruiser's `path` and `pathNot`.
 */
export function globToRegExpSource(written: string): string {
  const glob = collapsed(written);
  let out = "";
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === "*") {
      if (glob.charAt(i + 1) === "*") {
        i++;
        if (glob.charAt(i + 1) === "/") {
          i++;
          out += "(?:|.*/)";
        } else {
          out += ".*";
        }
      } else {
        out += "[^/]*";
      }
    } else if (ch === "?") {
      out += "[^/]";
    } else if (ch === "{") {
      braceDepth++;
      out += "(?:";
    } else if (ch === "}" && braceDepth > 0) {
      braceDepth--;
      out += ")";
    } else if (ch === "," && braceDepth > 0) {
      out += "|";
    } else if (SPECIAL.has(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return `^${out}$`;
}

/** The glob with runs of `**\/` and of `*` collapsed (`**\/**\/x` is `**\/x`, `***` is `**`). */
function collapsed(glob: string): string {
  return glob.replace(/(?:\*\*\/){2,}/g, "**/").replace(/\*{3,}/g, "**");
}

/**
 * What is wrong with a glob, or `undefined`: an unclosed `{`, more than
 * {@link MAX_GLOB_WILDCARDS} wildcards, more than {@link MAX_GLOB_LENGTH}
 * characters.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters (the limit)`;
  const wildcards = collapsed(glob).match(/\*\*|\*|\?/g)?.length ?? 0;
  if (wildcards > MAX_GLOB_WILDCARDS) return `has ${wildcards} wildcards, more than ${MAX_GLOB_WILDCARDS} (the limit)`;
  let depth = 0;
  for (const ch of glob) {
    if (ch === "{") depth++;
    else if (ch === "}" && depth > 0) depth--;
  }
  return depth > 0 ? "has a { that no } closes" : undefined;
}

/** Converts one glob to an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let compiled = COMPILED.get(glob);
  if (compiled === undefined) {
    compiled = new RegExp(globToRegExpSource(glob));
    COMPILED.set(glob, compiled);
  }
  return compiled;
}

/**
 * Converts a list of globs to regular expression sources, one per glob, as
 * dependency-cruiser's `path` and `pathNot` accept them; `undefined` for an
 * empty list.
 */
export function globsToRegExpSources(globs: readonly string[]): string[] | undefined {
  return globs.length === 0 ? undefined : globs.map(globToRegExpSource);
}

/** A predicate that tells whether a repository-relative path matches any glob of a list. */
export type PathMatcher = (path: string) => boolean;

/** Builds a {@link PathMatcher} for a list of globs; an empty list matches nothing. */
export function matcher(globs: readonly string[]): PathMatcher {
  const regexps = globs.map(globToRegExp);
  return (path) => regexps.some((re) => re.test(path));
}
