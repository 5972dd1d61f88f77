/**
 * The watch loop's incremental checks cannot change a result: on every
 * fixture case, one `watchCheck()` (the repository kept open, the cache on)
 * is told of each kind of change in turn, as the watcher would name it, and
 * each of its results must equal a `--no-cache` run of the same tree. The
 * kinds cover what the session re-reads in place (a leaf edit, lines
 * inserted above violations, a comment, a body, a helper's transaction
 * control or a signature edited in a shared file, an import added and
 * removed) and what makes it open the repository again (a file added or
 * removed, a contract, the project file).
 */
import { describe, expect, it } from "vitest";
import { runCheck, watchCheck } from "../../../../tools/checker/main.js";
import { fixtureRepo } from "../fixture.js";
import { ADDED_IMPORT, describeSessionMatrix, edit, FAST_CASES, LEAF, outcome, SHARED } from "./session-matrix.js";

// A sample of the cases here; the others in session.slow.test.ts.
describeSessionMatrix(FAST_CASES);

describe("what the session re-reads", () => {
  /** The base with the ledger exporting a constant whose type is declared in the shared file. */
  function ledgerTypedByShared(): string {
    const root = fixtureRepo("inbound-import");
    edit(root, "spine/drivers/ledger.ts", (text) => `${text}\n/** A description. */\nexport const DESCRIBED = describeCommitment("a", 1);\n`);
    return root;
  }

  it("an import added and a signature changed in a module's closure show at once (the test can fail)", async () => {
    const root = ledgerTypedByShared();
    const check = watchCheck();
    const first = await outcome(() => check({ root }, undefined));
    const added = new Set(edit(root, LEAF, (text) => `${ADDED_IMPORT}${text}\nexport const alsoPost = post;\n`));
    const afterImport = await outcome(() => check({ root }, added));
    expect(afterImport.text).not.toBe(first.text);
    expect(afterImport.result?.violations.some((v) => v.file === LEAF && v.ruleId === "inbound-boundary")).toBe(true);

    // Same declared names, another type: the ledger's API changes although neither file's imports or exports do.
    const changed = new Set(edit(root, SHARED, (text) => text.replace("describeCommitment(account: string, cents: number): string {\n  return `${account} is committed to ${cents} cents`;", "describeCommitment(account: string, cents: number): number {\n  return cents;")));
    expect(changed.size).toBe(1);
    const afterSignature = await outcome(() => check({ root }, changed));
    expect(afterSignature.text).not.toBe(afterImport.text);
    expect(afterSignature.text).toBe((await outcome(() => runCheck({ root, cache: false }))).text);
  });
});
