/**
 * `spine-check init --from-depcruise FILE`: dependency-cruiser's path rules
 * become layer rules (regular expressions become globs where they can),
 * the rest is listed as not translated with the reason; the check then
 * passes, and a planted import breaks the translated rule in both engines.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { checkAllEngines, fixtureRepo, withEngines } from "../fixture.js";

describe("init --from-depcruise", () => {
  it("translates the path rules, lists the rest with the reason, and the translated rule holds", async () => {
    const root = fixtureRepo("adopt-depcruise", { standalone: true });
    let stdout = "";
    const code = await runCli(["init", "--from-depcruise", ".dependency-cruiser.cjs"], { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), cwd: root });
    expect(code).toBe(0);
    expect(stdout.split(root).join("<root>")).toMatchInlineSnapshot(`
      "spine-check init: <root>
        tsconfig: tsconfig.json (at the root, 0 extended or referenced tsconfigs followed, no paths aliases)
        workspace packages: none
        scan: 3 files, the files tsconfig.json compiles
          include: src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}
          exclude: **/node_modules/**, **/*.d.ts
        from .dependency-cruiser.cjs: 3 rules translated, 2 not translated
          translated: no-circular -> rules: no-circular: warn
          translated: ui-not-to-server -> layer ui-not-to-server
          translated: not-to-spec -> layer not-to-spec
          not translated: no-orphans: orphan, reachability and dependents rules have no spine-check equivalent
          not translated: weird: from.path "(?<=x)y": "(?<" (a lookaround or named group) has no glob equivalent
      wrote contracts/project.yaml with 2 layer rules

      Next:
        1. check: npx spine-check
        2. accept today's violations as known: npx spine-check --update-baseline
           (new violations still fail; commit contracts/)
      "
    `);
    const project = readFileSync(join(root, "contracts/project.yaml"), "utf8");
    expect(project.slice(project.indexOf("layers:"), project.indexOf("# Known violations"))).toMatchInlineSnapshot(`
      "layers:
        - name: ui-not-to-server
          from:
            - src/ui**
          forbidden:
            - src/server**
          allow:
            - src/server/types.ts
          reason: The UI talks to the server over HTTP.
        - name: not-to-spec
          from:
            - "**"
          forbidden:
            - "**.spec.ts"
          reason: Translated from rule "not-to-spec" of .dependency-cruiser.cjs.

      # Severities: error (fails the check), warn (reported, passes) or off.
      rules:
        # inbound-boundary: error
        # unanalysable-import: error
        # unresolvable-import: error
        # reexport-laundering: error
        # layer-boundary: error
        no-circular: warn
        # transaction-forbidden: error
        # export-drift: error
        # import-drift: error
        # contract-coverage: error
        # unused-suppression: warn
        # invalid-suppression: error

      "
    `);
    expect((await checkAllEngines(root)).violations).toEqual([]);
    writeFileSync(join(root, "src/ui/admin.ts"), 'import { serve } from "../server/api.js";\n\n/** An admin page. */\nexport const admin = serve;\n');
    const planted = await checkAllEngines(root);
    expect(planted.code).toBe(1);
    expect(planted.violations.map(withEngines)).toEqual(["layer-boundary src/ui/admin.ts:1:1 [ts-morph, depcruise]"]);
  });
});
