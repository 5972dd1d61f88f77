import { describe, expect, it } from "vitest";
import { checkCase, fixtureRepo, check } from "./fixture.js";

const FORBIDDEN = "it matches forbidden_inbound";

describe("inbound-boundary: every form of dependency on a contracted module counts", () => {
  it("passes the base fixture: spine/orchestrator and spine/services import the driver", async () => {
    const run = await check(fixtureRepo("base", { standalone: true }));
    expect(run).toMatchObject({ code: 0, located: [] });
  });

  it("static import, by .js specifier and extensionless; the service twin is allowed", async () => {
    const run = await checkCase("inbound-import");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/refund.ts:1:1", "inbound-boundary lib/report.ts:1:1"]);
    expect(run.violations[0]?.message).toBe(
      `api/refund.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger.js"): ${FORBIDDEN}`,
    );
    expect(run.violations[1]?.message).toBe(
      'lib/report.ts may not depend on spine/drivers/ledger.ts (import "../spine/drivers/ledger"): it matches no allowed_inbound glob',
    );
    expect(run.violations[0]?.contract).toBe("contracts/drivers/ledger.contract.yaml");
  });

  it("import type, inline type and import() types count by default", async () => {
    const run = await checkCase("inbound-import-type");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "inbound-boundary api/types.ts:1:1",
      "inbound-boundary api/types.ts:2:1",
      "inbound-boundary api/types.ts:8:22",
    ]);
    expect(run.violations.map((v) => v.message.match(/\((.*?) "/)?.[1])).toEqual([
      "type-only import",
      "type-only import",
      "type-only import-type",
    ]);
  });

  it("type_imports: exempt exempts type-only imports but not a value import beside a type", async () => {
    const run = await checkCase("inbound-type-exempt");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/value.ts:1:1"]);
  });

  it("export … from, export * and export * as", async () => {
    const run = await checkCase("inbound-export-from");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "inbound-boundary api/ledger.ts:2:1",
      "inbound-boundary api/ledger.ts:3:1",
      "inbound-boundary api/ledger.ts:4:1",
    ]);
    expect(run.violations.every((v) => v.message.includes("(export-from "))).toBe(true);
  });

  it("import() with a literal and with a const initialised by a literal", async () => {
    const run = await checkCase("inbound-dynamic-import");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/lazy.ts:5:24", "inbound-boundary api/lazy.ts:6:26"]);
    expect(run.violations.every((v) => v.message.includes('(dynamic-import "../spine/drivers/ledger.js")'))).toBe(true);
  });

  it("require() in a CommonJS file", async () => {
    const run = await checkCase("inbound-require");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/legacy.cjs:2:16"]);
  });

  it("require() through createRequire(import.meta.url): bound to any name, through a namespace, and called directly", async () => {
    const run = await checkCase("inbound-create-require");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "inbound-boundary api/interop.ts:9:3",
      "inbound-boundary api/interop.ts:10:3",
      "inbound-boundary api/interop.ts:11:3",
      "inbound-boundary api/loader.ts:6:32",
      "inbound-boundary api/renamed.ts:4:32",
    ]);
    expect(run.violations.every((v) => v.message.includes('(require "../spine/drivers/ledger.js")'))).toBe(true);
  });

  it("import x = require()", async () => {
    const run = await checkCase("inbound-import-equals");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/legacy.cts:1:1"]);
    expect(run.violations[0]?.message).toContain('(import-equals "../spine/drivers/ledger.js")');
  });

  it("a tsconfig paths alias", async () => {
    const run = await checkCase("inbound-paths-alias");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/alias.ts:1:1"]);
    expect(run.violations[0]?.message).toBe(`api/alias.ts may not depend on spine/drivers/ledger.ts (import "@drivers/ledger.js"): ${FORBIDDEN}`);
  });

  it("a package.json imports specifier (#…)", async () => {
    const run = await checkCase("inbound-package-imports");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/hash.ts:1:1"]);
    expect(run.violations[0]?.message).toBe(`api/hash.ts may not depend on spine/drivers/ledger.ts (import "#drivers/ledger.js"): ${FORBIDDEN}`);
  });

  it("a folder's index file, by folder and by index.js", async () => {
    const run = await checkCase("inbound-folder-index");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["inbound-boundary api/jobs.ts:1:1", "inbound-boundary api/jobs.ts:2:1"]);
    expect(run.violations.map((v) => v.contract)).toEqual([
      "contracts/drivers/queue.contract.yaml",
      "contracts/drivers/queue.contract.yaml",
    ]);
  });
});

describe("unanalysable-import", () => {
  it("reports import()/require() with a computed argument, also a name shadowing a literal const; literals and literal consts pass", async () => {
    const run = await checkCase("unanalysable-import");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "unanalysable-import api/plugins.ts:10:11",
      "unanalysable-import api/plugins.ts:11:11",
      "unanalysable-import api/plugins.ts:12:11",
      "unanalysable-import api/plugins.ts:13:5",
      "unanalysable-import api/shadowed.ts:5:10",
      "unanalysable-import api/shadowed.ts:11:10",
    ]);
    expect(run.violations.map((v) => v.message)).toEqual([
      "import() with a computed argument (name) cannot be checked against the contracts",
      "import() with a computed argument (`../plugins/${name}.js`) cannot be checked against the contracts",
      "import() with a computed argument (mutable) cannot be checked against the contracts",
      'require() with a computed argument ("../plugins/" + name) cannot be checked against the contracts',
      "import() with a computed argument (TARGET) cannot be checked against the contracts",
      "import() with a computed argument (TARGET) cannot be checked against the contracts",
    ]);
  });
});

describe("reexport-laundering", () => {
  it("names the chain through barrels, renames and a default export; the orchestrator and a non-driver symbol pass", async () => {
    const run = await checkCase("reexport-laundering");
    expect(run.code).toBe(1);
    expect(run.located).toEqual([
      "reexport-laundering api/refund.ts:1:1",
      "reexport-laundering lib/default-post.ts:1:1",
      "reexport-laundering lib/everything.ts:1:1",
    ]);
    expect(run.violations.map((v) => v.message)).toEqual([
      'api/refund.ts reaches spine/drivers/ledger.ts through re-exports ("postEntry"): api/refund.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts',
      'lib/default-post.ts reaches spine/drivers/ledger.ts through re-exports ("default"): lib/default-post.ts -> spine/services/default-post.ts -> spine/drivers/ledger.ts',
      "lib/everything.ts reaches spine/drivers/ledger.ts through re-exports (the whole module): lib/everything.ts -> spine/services/index.ts -> spine/services/facade.ts -> spine/drivers/ledger.ts",
    ]);
  });
});

describe("layer-boundary", () => {
  it("applies the layer rules of project.yaml to value and type imports; files outside `from` pass", async () => {
    const run = await checkCase("layer-boundary");
    expect(run.code).toBe(1);
    expect(run.located).toEqual(["layer-boundary spine/services/audited.ts:1:1", "layer-boundary spine/services/audited.ts:2:1"]);
    expect(run.violations[0]).toMatchObject({
      message: 'layer rule "spine-never-imports-tools": spine/services/audited.ts may not depend on tools/audit.ts',
      contract: "contracts/project.yaml",
      fix: "The package never depends on its tooling.",
    });
  });
});
