/**
 * Judges an importing file against one contract's `boundary` globs.
 */
import { matcher, type PathMatcher } from "../contracts/glob.js";
import type { LoadedContract } from "../contracts/contracts.js";

/** Where an importing file stands with one contract: allowed, matching `forbidden_inbound`, or matching no `allowed_inbound` glob. */
export type InboundStanding = "allowed" | "forbidden" | "not-allowed";

/** Builds a function that judges an importing file against one contract. */
export function inboundJudge(contract: LoadedContract): (file: string) => InboundStanding {
  const allowed: PathMatcher = matcher(contract.data.boundary.allowed_inbound);
  const forbidden: PathMatcher = matcher(contract.data.boundary.forbidden_inbound);
  return (file) => {
    if (forbidden(file)) return "forbidden";
    return allowed(file) ? "allowed" : "not-allowed";
  };
}
