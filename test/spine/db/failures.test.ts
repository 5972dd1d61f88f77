/**
 * The failure table's rows for faults: what each kind of failure evicts from
 * the pool, a read-only server (25006) as a transient failure that evicts
 * every connection, and a pooler refusing a startup parameter (08P01 with
 * that message) as a permanent one, where any other 08P01 stays transient.
 */
import { describe, expect, it } from "vitest";
import { classifyDatabaseFailure } from "../../../spine/db/index.js";

/** An error as pg's DatabaseError carries a SQLSTATE. */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: "ERROR" });
}

describe("classifyDatabaseFailure", () => {
  it.each([
    ["a read-only server", serverError("25006", "cannot execute INSERT in a read-only transaction"), "transient", "pool"],
    ["a pooler refusing a startup parameter", serverError("08P01", "unsupported startup parameter: statement_timeout"), "permanent", "connection"],
    ["another protocol violation", serverError("08P01", "invalid message format"), "transient", "connection"],
    ["a crash restart", serverError("57P02", "terminating connection because of crash of another server process"), "transient", "pool"],
    ["a terminated backend", serverError("57P01", "terminating connection due to administrator command"), "transient", "connection"],
    ["no answer within the query timeout", new Error("Query read timeout"), "transient", "pool"],
    ["a reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), "transient", "connection"],
    ["a lock timeout", serverError("55P03", "canceling statement due to lock timeout"), "transient", "none"],
    ["a constraint", serverError("23505", "duplicate key value"), "permanent", "none"],
  ])("%s is %s and evicts %s", (_label, error, kind, evict) => {
    expect(classifyDatabaseFailure(error)).toMatchObject({ kind, evict });
  });

  it("names the options that fix a pooler's refusal", () => {
    const failure = classifyDatabaseFailure(serverError("08P01", "unsupported startup parameter: lock_timeout"));
    expect(failure.reason).toContain("pass createDb's sessionTimeouts: \"transaction\" behind such a pooler");
    expect(failure.condition).toBe("SQLSTATE 08P01");
  });
});
