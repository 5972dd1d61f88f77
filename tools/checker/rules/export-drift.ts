/**
 * Rule `export-drift`: a module's exports (names, kinds and signatures as
 * printed by the type checker) must equal its contract's `exports` section.
 * With `--update`, the section is rewritten from the code instead.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mergeExports, writeExports } from "../contracts/update.js";
import type { ExportsSection } from "../contracts/types.js";
import type { RuleContext, RuleOutcome, Violation } from "./types.js";

/** One export flattened to `kind`, `name` and a comparable text. */
interface FlatExport {
  readonly section: keyof ExportsSection;
  readonly index: number;
  readonly name: string;
  readonly text: string;
}

/** Flattens an exports section to one comparable line per export. */
export function flattenExports(exports: ExportsSection): FlatExport[] {
  const out: FlatExport[] = [];
  exports.functions.forEach((f, index) => out.push({ section: "functions", index, name: f.name, text: f.signature }));
  exports.classes.forEach((c, index) => {
    const head = c.extends ? `class ${c.name} extends ${c.extends}` : `class ${c.name}`;
    const methods = c.methods.map((m) => m.signature).join("; ");
    out.push({ section: "classes", index, name: c.name, text: `${head} { ${methods} }` });
  });
  for (const section of ["types", "protocols", "constants"] as const) {
    exports[section].forEach((d, index) => out.push({ section, index, name: d.name, text: `${d.name}: ${d.definition}` }));
  }
  return out;
}

/** Compares every contracted module's exports with its contract. */
export function checkExportDrift(ctx: RuleContext): RuleOutcome {
  const violations: Violation[] = [];
  const updated: string[] = [];
  for (const contract of ctx.contracts) {
    const path = contract.data.placement.file;
    if (!existsSync(join(ctx.root, path))) continue;
    const api = ctx.apis.read(path);
    if (ctx.update) {
      if (writeExports(ctx.root, contract.contractFile, mergeExports(api.exports, contract.data.exports))) {
        updated.push(contract.contractFile);
      }
      continue;
    }
    const declared = new Map(flattenExports(contract.data.exports).map((e) => [`${e.section}:${e.name}`, e]));
    const actual = new Map(flattenExports(api.exports).map((e) => [`${e.section}:${e.name}`, e]));
    const base = {
      ruleId: "export-drift" as const,
      contract: contract.contractFile,
      fix: `Run the checker with --update to rewrite exports in ${contract.contractFile} (then review the diff), or restore the export.`,
    };
    for (const [key, entry] of actual) {
      const old = declared.get(key);
      const pos = api.positions[entry.name] ?? { line: 1, column: 1 };
      if (!old) {
        violations.push({
          ...base,
          file: path,
          ...pos,
          message: `${path} exports ${entry.section} "${entry.name}", which the contract does not declare:\n+ ${entry.text}`,
        });
      } else if (old.text !== entry.text) {
        violations.push({
          ...base,
          file: path,
          ...pos,
          message: `the ${entry.section} export "${entry.name}" of ${path} differs from the contract:\n- ${old.text}\n+ ${entry.text}`,
        });
      }
    }
    for (const [key, entry] of declared) {
      if (actual.has(key)) continue;
      violations.push({
        ...base,
        file: contract.contractFile,
        ...contract.positionOf(["exports", entry.section, entry.index]),
        message: `the contract declares ${entry.section} "${entry.name}", which ${path} does not export:\n- ${entry.text}`,
      });
    }
  }
  return { violations, updated };
}
