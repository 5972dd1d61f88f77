/**
 * The file checker an editor keeps open: it sees an unsaved buffer, a
 * contract edited on the disk (the repository is opened again, told by a
 * watcher, or by polling where the system cannot watch), a file saved
 * since it was opened (what other files reach through it changes), and
 * checks nothing outside the repository or its scan.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchConfiguration } from "../../../../tools/checker/lint/configuration-changes.js";
import { CheckerConfigError } from "../../../../tools/checker/errors.js";
import { fileChecker } from "../../../../tools/checker/lint/file-checker.js";
import { fixtureRepo, located } from "../fixture.js";
import { waitUntil } from "../../../support/wait.js";

describe("fileChecker", () => {
  it("checks an unsaved buffer, and opens the repository again when a contract changes", async () => {
    const root = fixtureRepo("inbound-import");
    const checker = fileChecker({ root, cache: false });
    const refund = readFileSync(join(root, "api/refund.ts"), "utf8");
    expect(checker.check("api/refund.ts", refund).map(located)).toEqual(["inbound-boundary api/refund.ts:1:1"]);
    expect(checker.check(join(root, "api/refund.ts"), `\n\n${refund}`).map(located)).toEqual(["inbound-boundary api/refund.ts:3:1"]);
    const contract = join(root, "contracts/drivers/ledger.contract.yaml");
    writeFileSync(contract, readFileSync(contract, "utf8").replace(/forbidden_inbound:[^\n]*\n(\s+- [^\n]*\n)*/, "forbidden_inbound: []\n").replace("allowed_inbound:", "allowed_inbound:\n    - api/**"));
    // The watcher of contracts/ tells the checker as soon as the event loop delivers the change.
    await waitUntil(() => checker.check("api/refund.ts", refund).length === 0, 5_000);
    expect(checker.check("lib/report.ts", readFileSync(join(root, "lib/report.ts"), "utf8")).map(located)).toEqual(["inbound-boundary lib/report.ts:1:1"]);
  });

  it("sees what a file saved since the opening changes for the files that reach through it", () => {
    const root = fixtureRepo("reexport-laundering");
    const checker = fileChecker({ root, cache: false });
    const refund = readFileSync(join(root, "api/refund.ts"), "utf8");
    expect(checker.check("api/refund.ts", refund).map(located)).toEqual(["reexport-laundering api/refund.ts:1:1"]);
    const barrel = '/** The services barrel, without the driver. */\nexport { formatCents } from "./format.js";\n';
    writeFileSync(join(root, "spine/services/index.ts"), barrel);
    expect(checker.check("spine/services/index.ts", barrel)).toEqual([]);
    expect(checker.check("api/refund.ts", refund).map(located)).toEqual([]);
  });

  it("throws the configuration error of a broken contract, and opens the repository again once it is repaired", async () => {
    const root = fixtureRepo("inbound-import");
    const checker = fileChecker({ root, cache: false });
    const refund = readFileSync(join(root, "api/refund.ts"), "utf8");
    expect(checker.check("api/refund.ts", refund)).toHaveLength(1);
    const contract = join(root, "contracts/drivers/ledger.contract.yaml");
    const good = readFileSync(contract, "utf8");
    writeFileSync(contract, good.replace("boundary:", "boundary: [\n"));
    await waitUntil(() => {
      try {
        checker.check("api/refund.ts", refund);
        return false;
      } catch (error) {
        expect(error).toBeInstanceOf(CheckerConfigError);
        expect((error as Error).message).toMatch(/contracts\/drivers\/ledger\.contract\.yaml:\d+:\d+/);
        return true;
      }
    });
    // Repaired, and now allowing api/**: the repository is opened again, not served from before the error.
    writeFileSync(contract, good.replace(/forbidden_inbound:[^\n]*\n(\s+- [^\n]*\n)*/, "forbidden_inbound: []\n").replace("allowed_inbound:", "allowed_inbound:\n    - api/**"));
    expect(checker.check("api/refund.ts", refund).map(located)).toEqual([]);
  });

  it("polls the contracts' sizes and times where the system cannot watch", () => {
    const root = fixtureRepo("inbound-import");
    const changes = watchConfiguration(join(root, "missing-root"), [join(root, "tsconfig.json")]);
    expect(changes.changed()).toBe(false);
    writeFileSync(join(root, "tsconfig.json"), `${readFileSync(join(root, "tsconfig.json"), "utf8")}\n`);
    expect(changes.changed()).toBe(true);
    expect(changes.changed()).toBe(false);
    changes.close();
  });

  it("checks nothing outside the repository or its scan", () => {
    const root = fixtureRepo("inbound-import");
    const checker = fileChecker({ root, cache: false });
    const text = 'import "../spine/drivers/ledger.js";\n';
    expect(checker.check(join(root, "..", "elsewhere.ts"), text)).toEqual([]);
    expect(checker.check("node_modules/pkg/index.ts", text)).toEqual([]);
    expect(checker.check("api/x.ts", text).map(located)).toEqual(["inbound-boundary api/x.ts:1:1"]);
  });
});
