import { describe, expect, it } from "vitest";
import { openRepository } from "../../../../tools/checker/repository/open.js";
import type { JudgedDependency } from "../../../../tools/checker/verdicts/types.js";
import { fixtureRepo } from "../fixture.js";

/** The verdicts of one file as `specifier: rule, rule` lines (`exempt` or `allowed` when it breaks nothing). */
function verdicts(name: string, file: string): string[] {
  const repository = openRepository({ root: fixtureRepo(name), cache: false });
  return repository.verdicts.of(file).map((judged: JudgedDependency) => {
    const what = judged.exempt ? "exempt" : judged.breaches.length === 0 ? "allowed" : judged.breaches.map((b) => b.rule).join(", ");
    return `${judged.dependency.specifier}@${judged.dependency.line}: ${what}`;
  });
}

describe("the verdict of each dependency", () => {
  it("type_imports: exempt makes type-only dependencies exempt from every rule, and only those", () => {
    expect(verdicts("inbound-type-exempt", "api/types.ts")).toEqual(["../spine/drivers/ledger.js@1: exempt", "../spine/drivers/ledger.js@2: exempt"]);
    expect(verdicts("inbound-type-exempt", "api/value.ts")).toEqual(["../spine/drivers/ledger.js@1: inbound-boundary"]);
  });

  it("type-only dependencies count by default", () => {
    expect(verdicts("inbound-import-type", "api/types.ts")).toEqual([
      "../spine/drivers/ledger.js@1: inbound-boundary",
      "../spine/drivers/ledger.js@2: inbound-boundary",
      "../spine/drivers/ledger.js@8: inbound-boundary",
    ]);
  });

  it("names the right contract behind a barrel of `export *`, and blames none for a name declared elsewhere", () => {
    const repository = openRepository({ root: fixtureRepo("reexport-star-barrel"), cache: false });
    const breach = (file: string): string[] =>
      repository.verdicts.of(file).flatMap((judged) =>
        judged.breaches.map((b) => (b.rule === "reexport-laundering" ? `${b.contract.contractFile} ${b.name} ${b.chain.join(" -> ")}` : b.rule)),
      );
    expect(breach("api/format.ts")).toEqual([]);
    expect(breach("api/jobs.ts")).toEqual(["contracts/drivers/queue.contract.yaml enqueue spine/services/index.ts -> spine/drivers/queue.ts"]);
    expect(breach("api/pay.ts")).toEqual(["contracts/drivers/ledger.contract.yaml post spine/services/index.ts -> spine/drivers/ledger.ts"]);
  });

  it("marks both dependencies of a cycle, an unresolvable specifier, and allows the rest", () => {
    expect(verdicts("circular-and-unresolvable", "spine/services/pricing.ts")).toEqual(["./discounts.js@2: no-circular"]);
    expect(verdicts("circular-and-unresolvable", "spine/services/discounts.ts")).toEqual(["./pricing.js@1: no-circular"]);
    expect(verdicts("circular-and-unresolvable", "api/broken.ts")).toEqual(["./gone@2: unresolvable-import"]);
    expect(verdicts("circular-and-unresolvable", "spine/orchestrator/transfer.ts")).toEqual(["../db/index.js@1: allowed", "../drivers/ledger.js@2: allowed"]);
  });

  it("judges dependencies on assets and files outside the scan with the layer rules", () => {
    expect(verdicts("asset-imports", "spine/services/branding.ts")).toEqual([
      "../../assets/logo.svg@2: layer-boundary",
      "../../assets/theme.css@3: layer-boundary",
      "../../assets/palette.json@4: layer-boundary",
    ]);
    expect(verdicts("scope-outside-scan", "spine/services/version.ts")).toEqual(["../../package.json@2: layer-boundary"]);
  });
});
