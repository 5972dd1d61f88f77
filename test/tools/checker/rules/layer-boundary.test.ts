/**
 * The rule `layer-boundary` on its own: from a repository opened in-process,
 * its `check` reports a dependency a layer rule forbids and one outside a
 * rule's `only` globs (exact position, message naming the layer rule,
 * target, and the rule's reason as the fix), and nothing for a file no layer
 * rule governs, nor for the clean base repository.
 */
import { describe, expect, it } from "vitest";
import { layerBoundary } from "../../../../tools/checker/rules/layer-boundary.js";
import { ruleFixture } from "./context.js";

const PROJECT = [
  "tsconfig: tsconfig.json",
  "coverage: [\"spine/drivers/**\"]",
  "layers:",
  "  - name: spine-never-imports-tools",
  "    from: [\"spine/**\"]",
  "    forbidden: [\"tools/**\", \"node:child_process\"]",
  "    reason: The package never depends on its tooling.",
  "  - name: cli-only-uses-main",
  "    from: [\"cli/**\"]",
  "    only: [\"main/**\"]",
  "    reason: The command line is a thin shell over main.",
  "",
].join("\n");

describe("layer-boundary", () => {
  describe("a service imports tools/ and a forbidden package; the CLI imports outside main/; api/ imports tools/", () => {
    const fixture = ruleFixture({
      "contracts/project.yaml": PROJECT,
      "spine/services/audited.ts": 'import { audit } from "../../tools/audit.js";\nimport { spawn } from "node:child_process";\n\nexport const audited = [audit, spawn];\n',
      "cli/run.ts": 'import { start } from "../main/app.js";\nimport type { Entry } from "../spine/drivers/ledger.js";\n\nexport const run = start;\nexport type Row = Entry;\n',
      "main/app.ts": "export const start = (): void => undefined;\n",
      "api/audited.ts": 'import { audit } from "../tools/audit.js";\n\nexport const audited = audit;\n',
    });

    it("reports each dependency a layer rule forbids or leaves outside its only globs, with the rule's name and reason", () => {
      expect(layerBoundary.check(fixture.context())).toEqual([
        {
          file: "cli/run.ts",
          line: 2,
          column: 1,
          message: 'layer rule "cli-only-uses-main": cli/run.ts may depend only on main/**, cli/**, not on spine/drivers/ledger.ts',
          contract: "contracts/project.yaml",
          fix: "The command line is a thin shell over main.",
          target: "spine/drivers/ledger.ts",
        },
        {
          file: "spine/services/audited.ts",
          line: 1,
          column: 1,
          message: 'layer rule "spine-never-imports-tools": spine/services/audited.ts may not depend on tools/audit.ts',
          contract: "contracts/project.yaml",
          fix: "The package never depends on its tooling.",
          target: "tools/audit.ts",
        },
        {
          file: "spine/services/audited.ts",
          line: 2,
          column: 1,
          message: 'layer rule "spine-never-imports-tools": spine/services/audited.ts may not depend on node:child_process',
          contract: "contracts/project.yaml",
          fix: "The package never depends on its tooling.",
          target: "node:child_process",
        },
      ]);
    });
  });

  describe("the base repository: spine/ never imports tools/", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(layerBoundary.check(fixture.context())).toEqual([]);
    });
  });
});
