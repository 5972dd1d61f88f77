/**
 * Severities (`rules:` in contracts/project.yaml) and inline suppressions,
 * on a cycle, a plugin loader's import() and a layer rule broken twice, with
 * exact exit codes and reports.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, cli, fixtureRepo, located } from "../fixture.js";

/** The fixture with `rules:` appended to its project file. */
function withRules(rules: string): string {
  const root = fixtureRepo("adopt-policy", { standalone: true });
  const file = join(root, "contracts/project.yaml");
  writeFileSync(file, `${readFileSync(file, "utf8")}${rules}`);
  return root;
}

describe("severities and inline suppressions", () => {
  it("by default every rule is an error; a suppression with a reason silences its line, one without is invalid", async () => {
    const run = await check(withRules(""));
    expect(run.code).toBe(1);
    expect(run.violations.map((v) => `${located(v)} ${v.severity}${v.suppressed === undefined ? "" : " suppressed"}`)).toEqual([
      "no-circular src/host.ts:1:1 error",
      "unanalysable-import src/host.ts:5:10 error",
      "layer-boundary src/plugins/chart.ts:2:1 error suppressed",
      "layer-boundary src/plugins/chart.ts:3:1 error",
      "invalid-suppression src/plugins/chart.ts:3:36 error",
      "unused-suppression src/plugins/chart.ts:4:1 warning",
      "no-circular src/registry.ts:1:1 error",
    ]);
  });

  it("warn reports and passes, off drops the rule (and the suppressions of a rule that is off are not unused)", async () => {
    const root = withRules("rules:\n  no-circular: off\n  unanalysable-import: warn\n  invalid-suppression: warn\n  layer-boundary: warn\n");
    const run = await cli(["--root", root]);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\d+ ms/, "N ms")).toMatchInlineSnapshot(`
      "src/host.ts:5:10  warning  unanalysable-import  import() with a computed argument (\`./plugins/\${name}.js\`) cannot be checked against the contracts
          contract: contracts/project.yaml
          fix: Pass a string literal, or a const declared with a string literal, so the target is known.

      src/plugins/chart.ts:3:1  warning  layer-boundary  layer rule "plugins-never-use-the-host": src/plugins/chart.ts may not depend on src/host.ts
          contract: contracts/project.yaml
          fix: Plugins get what they need from the host as arguments.

      src/plugins/chart.ts:3:36  warning  invalid-suppression  "spine-check-ignore layer-boundary" is not a valid suppression: it gives no reason after "--"
          contract: contracts/project.yaml
          fix: Write \`// spine-check-ignore <rule-id> -- <reason>\`: a rule id from the rule table, then \`--\` and why the finding is acceptable.

      boundaries ok, 3 warnings, 1 suppressed: 3 files, 0 contracts, N ms (ts-morph)
      "
    `);
  });
});

describe("the same policy in both engines", () => {
  it("--engine all applies severities and suppressions once, to the merged findings", async () => {
    const root = withRules("rules:\n  unanalysable-import: off\n");
    const run = await check(root, ["--engine", "all"]);
    expect(run.code).toBe(1);
    expect(run.violations.map((v) => `${located(v)} [${v.engines.join(", ")}]${v.suppressed === undefined ? "" : " suppressed"}`)).toEqual([
      "no-circular src/host.ts:1:1 [ts-morph, depcruise]",
      "layer-boundary src/plugins/chart.ts:2:1 [ts-morph, depcruise] suppressed",
      "layer-boundary src/plugins/chart.ts:3:1 [ts-morph, depcruise]",
      "invalid-suppression src/plugins/chart.ts:3:36 [ts-morph, depcruise]",
      "unused-suppression src/plugins/chart.ts:4:1 [ts-morph, depcruise]",
      "no-circular src/registry.ts:1:1 [ts-morph, depcruise]",
    ]);
  });
});
