/**
 * The namespace of a cache store: what every entry depends on besides its
 * own inputs. A change of any part empties the whole cache.
 */
import { checkerBuildHash } from "./build.js";
import { hashOf } from "./hash.js";

/** Bumped when the layout of the cache files changes. */
export const CACHE_FORMAT = "3";

/**
 * The namespace of this checker's cache: the cache format, the checker's
 * build hash and the versions of the compilers it reads code with.
 * @param compilers - the TypeScript versions in use (ts-morph's bundled one and the installed package's).
 */
export function cacheNamespace(compilers: readonly string[]): string {
  return hashOf(CACHE_FORMAT, checkerBuildHash(), ...compilers);
}
