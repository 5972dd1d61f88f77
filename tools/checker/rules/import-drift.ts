/**
 * Rule `import-drift`: a module's actual imports must equal its contract's
 * `actual_imports` section. A contract without the section is not checked.
 */
import { actualImports } from "../analyse/imports.js";
import { yamlText } from "../contracts/yaml-text.js";
import { defineRule, type Finding } from "./rule.js";

/** The rule `import-drift`. */
export const importDrift = defineRule({
  id: "import-drift",
  summary: "The module's imports (repository files and packages) differ from the contract's actual_imports section.",
  help: "Run the checker with --update to rewrite actual_imports from the code (then review the diff), or change the imports.",
  engines: ["ts-morph"],
  check(context) {
    const findings: Finding[] = [];
    for (const contract of context.contracts) {
      const path = contract.data.placement.file;
      const file = context.graph.files.get(path);
      const recorded = contract.data.actual_imports;
      if (!file || recorded === undefined || !context.inScope(contract.contractFile)) continue;
      const actual = actualImports(file);
      for (const section of ["internal", "external"] as const) {
        const declared = new Set(recorded[section]);
        const found = new Set(actual[section]);
        const missing = [...found].filter((x) => !declared.has(x));
        const stale = [...declared].filter((x) => !found.has(x));
        if (missing.length === 0 && stale.length === 0) continue;
        const diff = [...stale.map((x) => `- ${x}`), ...missing.map((x) => `+ ${x}`)].join("\n");
        findings.push({
          file: contract.contractFile,
          ...contract.positionOf(["actual_imports", section]),
          message: `actual_imports.${section} of ${path} differs from the code:\n${diff}`,
          contract: contract.contractFile,
          target: `actual_imports.${section}`,
          fix: `Make actual_imports.${section} list exactly: ${yamlText(actual[section], "flow")} (--update writes it), or change the imports of ${path}.`,
        });
      }
    }
    return findings;
  },
});
