/**
 * Decides whether a file may depend on a contracted module, from the
 * contract's `boundary` globs.
 */
import { matcher, type PathMatcher } from "../contracts/glob.js";
import type { LoadedContract } from "../contracts/load.js";

/** The verdict for one importing file. */
export type InboundVerdict = "allowed" | "forbidden" | "not-allowed";

/** Builds a function that judges an importing file against one contract. */
export function inboundJudge(contract: LoadedContract): (file: string) => InboundVerdict {
  const allowed: PathMatcher = matcher(contract.data.boundary.allowed_inbound);
  const forbidden: PathMatcher = matcher(contract.data.boundary.forbidden_inbound);
  return (file) => {
    if (forbidden(file)) return "forbidden";
    return allowed(file) ? "allowed" : "not-allowed";
  };
}
