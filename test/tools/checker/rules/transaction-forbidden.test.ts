/**
 * The rule `transaction-forbidden` on its own: from a repository opened
 * in-process, its `check` reports transaction control in a module whose
 * contract says `transaction: forbidden` (a member call, SQL in a literal,
 * a helper one import away: exact position, description, target and fix),
 * and nothing for the base driver, which only talks about commitments.
 */
import { describe, expect, it } from "vitest";
import { transactionForbidden } from "../../../../tools/checker/rules/transaction-forbidden.js";
import { ruleFixture } from "./context.js";

const CONTRACT = "contracts/drivers/ledger.contract.yaml";
const FIX = "Take the connection or transaction from the caller (a Queryable) and let the caller commit or roll back.";
const PREFIX = "transaction control in a module with transaction: forbidden: ";

describe("transaction-forbidden", () => {
  describe("the driver commits, rolls back in SQL, and calls a helper that commits", () => {
    const fixture = ruleFixture({
      "spine/drivers/ledger.ts": [
        'import { finish, type Transaction } from "../db/index.js";',
        "",
        "/** A posted entry. */",
        "export interface Entry {",
        "  readonly account: string;",
        "  readonly cents: number;",
        "}",
        "",
        "/** The largest amount one entry may carry, in cents. */",
        "export const MAX_CENTS = 1_000_000;",
        "",
        "/** Posts an entry. */",
        "export async function post(trx: Transaction, account: string, cents: number): Promise<Entry> {",
        '  await trx.query("INSERT INTO entries (account, cents) VALUES ($1, $2)", [account, cents]);',
        "  await trx.commit();",
        '  await trx.query("ROLLBACK");',
        "  await finish(trx);",
        "  return { account, cents };",
        "}",
        "",
      ].join("\n"),
    });

    it("reports each reference, SQL literal and helper call, describing what it does", () => {
      expect(transactionForbidden.check(fixture.context())).toEqual([
        {
          file: "spine/drivers/ledger.ts",
          line: 15,
          column: 9,
          message: `${PREFIX}reference to commit (trx.commit)`,
          contract: CONTRACT,
          target: "trx.commit",
          fix: FIX,
        },
        {
          file: "spine/drivers/ledger.ts",
          line: 16,
          column: 19,
          message: `${PREFIX}SQL ROLLBACK in a literal ("ROLLBACK")`,
          contract: CONTRACT,
          target: '"ROLLBACK"',
          fix: FIX,
        },
        {
          file: "spine/drivers/ledger.ts",
          line: 17,
          column: 9,
          message: `${PREFIX}use of helper finish (finish(trx)), which does reference to commit (trx.commit) at spine/db/index.ts:32:9`,
          contract: CONTRACT,
          target: "finish(trx)",
          fix: FIX,
        },
      ]);
    });

    it("reports nothing when the driver is out of scope", () => {
      expect(transactionForbidden.check(fixture.context((path) => path !== "spine/drivers/ledger.ts"))).toEqual([]);
    });
  });

  describe("the base repository: the driver talks about commitments without controlling the transaction", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(transactionForbidden.check(fixture.context())).toEqual([]);
    });
  });
});
