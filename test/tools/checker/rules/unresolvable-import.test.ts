/**
 * The rule `unresolvable-import` on its own: from a repository opened
 * in-process, its `check` reports a relative specifier and a mistyped
 * tsconfig alias that lead to no file (exact position, the specifier as
 * target, the fix), and nothing for specifiers that resolve (a package, an
 * alias, a `#imports` specifier) nor for the base repository.
 */
import { describe, expect, it } from "vitest";
import { unresolvableImport } from "../../../../tools/checker/rules/unresolvable-import.js";
import { ruleFixture } from "./context.js";

const FIX = "Fix the specifier (a typo, a moved file, an alias that does not match tsconfig paths) or create the file it names.";

describe("unresolvable-import", () => {
  describe("a relative specifier and an alias that lead nowhere, beside a package, an alias and an #imports specifier that resolve", () => {
    const fixture = ruleFixture({
      "api/broken.ts": '// Two specifiers that lead nowhere.\nimport "../spine/missing-file";\nexport { post } from "@drivers/legder";\n',
      "spine/orchestrator/settle.ts":
        'import { createHash } from "node:crypto";\nimport type { Entry } from "@drivers/ledger.js";\nimport { MAX_CENTS } from "#drivers/ledger.js";\n\nexport const digest = (entry: Entry): string => createHash("sha1").update(entry.account).digest("hex") + MAX_CENTS;\n',
    });

    it("reports each specifier that leads to no file, with its form and the specifier as target", () => {
      expect(unresolvableImport.check(fixture.context())).toEqual([
        {
          file: "api/broken.ts",
          line: 2,
          column: 1,
          message: 'api/broken.ts: "../spine/missing-file" (import) leads to no file',
          contract: "contracts/project.yaml",
          fix: FIX,
          target: "../spine/missing-file",
        },
        {
          file: "api/broken.ts",
          line: 3,
          column: 1,
          message: 'api/broken.ts: "@drivers/legder" (export-from) leads to no file',
          contract: "contracts/project.yaml",
          fix: FIX,
          target: "@drivers/legder",
        },
      ]);
    });
  });

  describe("the base repository: every specifier resolves", () => {
    const fixture = ruleFixture({});

    it("reports nothing", () => {
      expect(unresolvableImport.check(fixture.context())).toEqual([]);
    });
  });
});
