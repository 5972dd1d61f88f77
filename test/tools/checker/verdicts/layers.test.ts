/**
 * Layer rules' optional keys (except, allow, only, packages by module,
 * type_imports) judged alike by both engines, each with an allowed twin.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAllEngines, fixtureRepo, withEngines } from "../fixture.js";

/** Writes a file of a package installed in node_modules. */
function install(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, "node_modules", path)), { recursive: true });
  writeFileSync(join(root, "node_modules", path), text);
}

/** The fixture with react-dom and @vendor/grid installed (left-pad is not). */
function repository(): string {
  const root = fixtureRepo("layer-rules");
  install(root, "react-dom/package.json", JSON.stringify({ name: "react-dom", version: "19.0.0", main: "index.js" }));
  for (const file of ["index.js", "server.js", "client.js"]) install(root, `react-dom/${file}`, "module.exports = {};\n");
  install(root, "@vendor/grid/package.json", JSON.stringify({ name: "@vendor/grid", version: "1.0.0", main: "index.js" }));
  for (const file of ["index.js", "extra.js"]) install(root, `@vendor/grid/${file}`, "module.exports = {};\n");
  return root;
}

describe("layer rules: except, allow, only, packages, type_imports", () => {
  it("both engines report the same violations, at their imports; every allowed twin passes", async () => {
    const run = await checkAllEngines(repository());
    expect(run.code).toBe(1);
    expect(run.violations.map(withEngines)).toEqual([
      "layer-boundary cli/run.ts:3:1 [ts-morph, depcruise]",
      "layer-boundary ui/page.ts:1:1 [ts-morph, depcruise]",
      "layer-boundary ui/page.ts:3:1 [ts-morph, depcruise]",
      "layer-boundary ui/page.ts:5:1 [ts-morph, depcruise]",
      "layer-boundary ui/page.ts:6:1 [ts-morph, depcruise]",
      "layer-boundary ui/page.ts:8:1 [ts-morph, depcruise]",
      "layer-boundary widgets/chart.ts:2:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations.map((v) => `${v.file} -> ${v.target}`)).toEqual([
      "cli/run.ts -> server/api.ts",
      "ui/page.ts -> server/api.ts",
      "ui/page.ts -> node:fs",
      "ui/page.ts -> left-pad",
      "ui/page.ts -> react-dom/server",
      "ui/page.ts -> @vendor/grid",
      "widgets/chart.ts -> server/api.ts",
    ]);
    expect(run.violations[0]?.message).toBe('layer rule "cli-only-uses-main": cli/run.ts may depend only on main/**, cli/**, not on server/api.ts');
    expect(run.violations[1]?.message).toBe('layer rule "ui-never-imports-server": ui/page.ts may not depend on server/api.ts');
  });
});
