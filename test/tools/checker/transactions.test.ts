import { describe, expect, it } from "vitest";
import { analyseTransactions, type HelperLoader, transactionSql } from "../../../tools/checker/analyse/transactions.js";
import { parseSource } from "../../../tools/checker/analyse/parse.js";
import { checkCase } from "./fixture.js";

const DRIVER = "spine/drivers/ledger.ts";
const PREFIX = "transaction control in a module with transaction: forbidden: ";

/** Runs a transaction case and returns `line:col message-suffix` per violation, checking the rule and file. */
async function findings(name: string): Promise<string[]> {
  const run = await checkCase(name);
  expect(run.code).toBe(1);
  for (const v of run.violations) {
    expect(v).toMatchObject({ ruleId: "transaction-forbidden", file: DRIVER, contract: "contracts/drivers/ledger.contract.yaml" });
    expect(v.message.startsWith(PREFIX)).toBe(true);
  }
  return run.violations.map((v) => `${v.line}:${v.column} ${v.message.slice(PREFIX.length)}`);
}

describe("transaction-forbidden", () => {
  it("trx.commit()", async () => {
    expect(await findings("transaction-member-call")).toEqual(["18:9 reference to commit (trx.commit)"]);
  });

  it("trx['commit']() and trx[name]() with a literal const", async () => {
    expect(await findings("transaction-element-access")).toEqual([
      '18:9 reference to commit (trx["commit"])',
      "20:9 reference to rollback (trx[operation])",
    ]);
  });

  it("const { commit } = trx, and a computed key", async () => {
    expect(await findings("transaction-destructuring")).toEqual([
      "17:11 reference to commit (commit)",
      '18:11 reference to rollback (["rollback"]: undo)',
    ]);
  });

  it("trx.commit.bind(trx)", async () => {
    expect(await findings("transaction-bind")).toEqual(["17:16 reference to commit (trx.commit)"]);
  });

  it("Reflect.apply(trx.commit, …)", async () => {
    expect(await findings("transaction-reflect-apply")).toEqual(["18:23 reference to commit (trx.commit)"]);
  });

  it("db.transaction(…)", async () => {
    expect(await findings("transaction-open")).toEqual(["18:9 reference to transaction (db.transaction)"]);
  });

  it("commit, rollback, savepoint, release, flush and transaction on any object", async () => {
    expect(await findings("transaction-members")).toEqual([
      "18:9 reference to commit (trx.commit)",
      "19:9 reference to rollback (trx.rollback)",
      "20:9 reference to savepoint (trx.savepoint)",
      "21:9 reference to release (trx.release)",
      "22:9 reference to flush (db.flush)",
      "23:9 reference to transaction (db.transaction)",
    ]);
  });

  it("SQL in string and template literals", async () => {
    expect(await findings("transaction-sql")).toEqual([
      '18:19 SQL BEGIN in a literal ("BEGIN")',
      '19:19 SQL START TRANSACTION in a literal ("START TRANSACTION ISOLATION LEVEL SERIALIZABLE")',
      "20:19 SQL SAVEPOINT in a literal (`SAVEPOINT ${name}`)",
      '21:19 SQL RELEASE in a literal ("RELEASE SAVEPOINT before_post")',
      '22:19 SQL ROLLBACK in a literal ("ROLLBACK TO SAVEPOINT before_post")',
      '23:19 SQL SET AUTOCOMMIT in a literal ("SET autocommit = 0")',
      '24:19 SQL END in a literal ("end")',
      '25:18 SQL COMMIT in a literal ("COMMIT")',
      '27:19 SQL COMMIT in a literal ("INSERT INTO entries (account, cents) VALUES ($1, $2); COMMIT")',
      "28:19 SQL ROLLBACK in a literal (`ROLLBACK`)",
      "29:19 SQL COMMIT in a literal (\"COMMIT PREPARED 'post'\")",
      '30:19 SQL COMMIT in a literal ("COMMIT -- done")',
      '31:19 SQL ROLLBACK in a literal ("/* give up */ ROLLBACK")',
    ]);
  });

  it("a lowercase keyword in a const passed to a call, and PREPARE TRANSACTION (found by the evasion generator)", async () => {
    expect(await findings("transaction-sql-const")).toEqual(['19:18 SQL COMMIT in a literal ("commit;")', "23:19 SQL PREPARE in a literal (\"PREPARE TRANSACTION 'post'\")"]);
  });

  it("a call one import away into a helper (named, namespace, renamed, arrow, default export), or a reference to it", async () => {
    expect(await findings("transaction-helper")).toEqual([
      "22:9 use of helper finish (finish(trx)), which does reference to commit (trx.commit) at spine/db/index.ts:32:9",
      "23:9 use of helper finish (db.finish(trx)), which does reference to commit (trx.commit) at spine/db/index.ts:32:9",
      "24:9 use of helper abandon (abandon(trx)), which does reference to rollback (trx.rollback) at spine/db/index.ts:37:9",
      "25:9 use of helper settle (settle(trx)), which does reference to release (trx.release) at spine/db/index.ts:43:66",
      "26:9 use of helper openTransaction (openTransaction(trx as unknown as Database)), which does reference to transaction (db.transaction) at spine/db/index.ts:47:9",
      "28:9 use of helper finish (finish), which does reference to commit (trx.commit) at spine/db/index.ts:32:9",
      "29:17 use of helper abandon (abandon), which does reference to rollback (trx.rollback) at spine/db/index.ts:37:9",
      "30:23 use of helper settle (db.settle), which does reference to release (trx.release) at spine/db/index.ts:43:66",
    ]);
  });
});

describe("transaction analysis without false positives", () => {
  it("passes the clean twin: commit and commitment in prose, comments, identifiers, event names and non-transaction SQL", async () => {
    const run = await checkCase("transaction-clean");
    expect(run).toMatchObject({ code: 0, located: [] });
  });

  it("finds nothing in words like commitment, committed or recommit, in prose, or in SQL that only mentions a keyword", () => {
    const source = parseSource(
      "clean.ts",
      [
        "// We commit to nothing here: the caller will COMMIT or ROLLBACK.",
        "/** Records a commitment; see the commitment ledger. */",
        "export function record(commitment: { committed: boolean; recommit: () => void }, commitments: string[]): string {",
        "  commitment.recommit();",
        "  const note = `the commitment of ${commitments.length} entries`;",
        '  const prose = "Commit messages should begin with a verb and end with a period.";',
        "  return [note, prose, \"SELECT 'COMMIT' AS word\", 'the end', 'Begin'].join(commitment.committed ? 'x' : 'y');",
        "}",
      ].join("\n"),
    );
    expect(analyseTransactions(source)).toEqual([]);
  });

  it("follows helpers through import x = require(), and ignores names that only look like the helper", () => {
    const helper = parseSource("helper.ts", "export function finish(t: { commit(): void }) {\n  t.commit();\n}\nexport function tidy() {}\n");
    const loader: HelperLoader = (specifier) => (specifier === "./helper.js" ? { path: "helper.ts", source: helper } : undefined);
    const driver = parseSource(
      "driver.ts",
      [
        'import h = require("./helper.js");',
        'import { finish, tidy } from "./helper.js";',
        "h.finish(trx);",
        "tidy();",
        "const options = { finish: 1 };",
        "options.finish;",
        "type Finish = typeof finish;",
        "export { finish };",
      ].join("\n"),
    );
    expect(analyseTransactions(driver, loader).map((f) => `${f.line}:${f.column} ${f.kind} ${f.text} -> ${f.via?.file}:${f.via?.finding.line}`)).toEqual([
      "3:1 helper h.finish(trx) -> helper.ts:2",
    ]);
  });

  it("reads SQL keywords case-insensitively, a lone lowercase word only when passed to a call", () => {
    expect(transactionSql("commit", true)).toBe("COMMIT");
    expect(transactionSql("commit", false)).toBeUndefined();
    expect(transactionSql("COMMIT", false)).toBe("COMMIT");
    expect(transactionSql("rollback work", false)).toBe("ROLLBACK");
    expect(transactionSql("start transaction read only", false)).toBe("START TRANSACTION");
    expect(transactionSql("SET SESSION autocommit TO off", false)).toBe("SET AUTOCOMMIT");
    expect(transactionSql("UPDATE runs SET status = 'committed'", true)).toBeUndefined();
    expect(transactionSql("commitment", true)).toBeUndefined();
    expect(transactionSql("ROLLBACK PREPARED 'tx-1'", false)).toBe("ROLLBACK");
    expect(transactionSql("prepare transaction 'tx-1'", false)).toBe("PREPARE");
    expect(transactionSql("SELECT 1 -- then COMMIT", false)).toBeUndefined();
    expect(transactionSql("SELECT '--' AS dashes; COMMIT", false)).toBe("COMMIT");
  });
});
