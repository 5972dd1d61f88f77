/**
 * Rule `import-drift`: a module's actual imports must equal its contract's
 * `actual_imports` section.
 */
import { actualImports } from "../analyse/imports.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** Compares each contracted module's imports with its contract. */
export function checkImportDrift(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  for (const contract of ctx.contracts) {
    const path = contract.data.placement.file;
    const file = ctx.graph.files.get(path);
    if (!file) continue;
    const actual = actualImports(file);
    for (const section of ["internal", "external"] as const) {
      const declared = new Set(contract.data.actual_imports[section]);
      const found = new Set(actual[section]);
      const missing = [...found].filter((x) => !declared.has(x));
      const stale = [...declared].filter((x) => !found.has(x));
      if (missing.length === 0 && stale.length === 0) continue;
      const pos = contract.positionOf(["actual_imports", section]);
      const diff = [...stale.map((x) => `- ${x}`), ...missing.map((x) => `+ ${x}`)].join("\n");
      violations.push({
        ruleId: "import-drift",
        file: contract.contractFile,
        ...pos,
        message: `actual_imports.${section} of ${path} differs from the code:\n${diff}`,
        contract: contract.contractFile,
        fix: `Make actual_imports.${section} list exactly: [${actual[section].join(", ")}], or change the imports of ${path}.`,
      });
    }
  }
  return { violations };
}
