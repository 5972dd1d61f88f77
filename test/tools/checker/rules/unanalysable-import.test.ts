/**
 * The rule `unanalysable-import` on its own: from a repository opened
 * in-process, its `check` reports `import()` and `require()` calls whose
 * argument is computed (exact position, the argument in the message and the
 * target, the fix), and nothing for literals and consts with a literal
 * initializer, nor for the base repository.
 */
import { describe, expect, it } from "vitest";
import { unanalysableImport } from "../../../../tools/checker/rules/unanalysable-import.js";
import { ruleFixture } from "./context.js";

const FIX = "Pass a string literal, or a const declared with a string literal, so the target is known.";

describe("unanalysable-import", () => {
  describe("computed import() and require() arguments beside literal ones", () => {
    const fixture = ruleFixture({
      "api/plugins.ts": [
        'import { createRequire } from "node:module";',
        "",
        "const require = createRequire(import.meta.url);",
        "",
        "export async function load(name: string): Promise<unknown[]> {",
        "  return [await import(name), require(\"../plugins/\" + name)];",
        "}",
        "",
      ].join("\n"),
      "spine/orchestrator/plugins.ts": 'const TRANSFER = "./transfer.js";\n\nexport const load = async (): Promise<unknown[]> => [await import("./transfer.js"), await import(TRANSFER)];\n',
    });

    it("reports each call with a computed argument, naming the call and its argument", () => {
      expect(unanalysableImport.check(fixture.context())).toEqual([
        {
          file: "api/plugins.ts",
          line: 6,
          column: 17,
          message: "import() with a computed argument (name) cannot be checked against the contracts",
          contract: "contracts/project.yaml",
          fix: FIX,
          target: "import(name)",
        },
        {
          file: "api/plugins.ts",
          line: 6,
          column: 31,
          message: 'require() with a computed argument ("../plugins/" + name) cannot be checked against the contracts',
          contract: "contracts/project.yaml",
          fix: FIX,
          target: 'require("../plugins/" + name)',
        },
      ]);
    });
  });

  describe("the base repository: every import() has a literal argument", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(unanalysableImport.check(fixture.context())).toEqual([]);
    });
  });
});
