/**
 * Rule `export-drift`: a module's exports (names, kinds and signatures as
 * printed by the type checker) must equal its contract's `exports` section.
 * A contract without the section is not checked. (`--update` writes the
 * section from the code: see `update/`.)
 */
import type { ExportsSection } from "../contracts/types.js";
import { defineRule, type Finding } from "./rule.js";

/** One export flattened to its section, index, name and a comparable text. */
interface FlatExport {
  readonly section: keyof ExportsSection;
  readonly index: number;
  readonly name: string;
  readonly text: string;
}

/** Flattens an exports section to one comparable line per export. */
function flattenExports(exports: ExportsSection): FlatExport[] {
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

/** The rule `export-drift`. */
export const exportDrift = defineRule({
  id: "export-drift",
  summary: "The module's exports (names, kinds, and signatures printed by the TypeScript checker) differ from the contract's exports section.",
  help: "Run the checker with --update to rewrite the contract's exports from the code (then review the diff), or restore the export.",
  engines: ["ts-morph"],
  check(context) {
    const findings: Finding[] = [];
    for (const contract of context.contracts) {
      const path = contract.data.placement.file;
      const exports = contract.data.exports;
      if (exports === undefined || !context.graph.files.has(path) || !(context.inScope(path) || context.inScope(contract.contractFile))) continue;
      const api = context.apis.read(path);
      if (api === undefined) continue;
      const declared = new Map(flattenExports(exports).map((e) => [`${e.section}:${e.name}`, e]));
      const actual = new Map(flattenExports(api.exports).map((e) => [`${e.section}:${e.name}`, e]));
      const base = {
        contract: contract.contractFile,
        fix: `Run the checker with --update to rewrite exports in ${contract.contractFile} (then review the diff), or restore the export.`,
      };
      for (const [key, entry] of actual) {
        const old = declared.get(key);
        const pos = api.positions[entry.name] ?? { line: 1, column: 1 };
        if (!old) {
          findings.push({ ...base, file: path, ...pos, target: key, message: `${path} exports ${entry.section} "${entry.name}", which the contract does not declare:\n+ ${entry.text}` });
        } else if (old.text !== entry.text) {
          findings.push({
            ...base,
            file: path,
            ...pos,
            target: key,
            message: `the ${entry.section} export "${entry.name}" of ${path} differs from the contract:\n- ${old.text}\n+ ${entry.text}`,
          });
        }
      }
      for (const [key, entry] of declared) {
        if (actual.has(key)) continue;
        findings.push({
          ...base,
          file: contract.contractFile,
          ...contract.positionOf(["exports", entry.section, entry.index]),
          target: key,
          message: `the contract declares ${entry.section} "${entry.name}", which ${path} does not export:\n- ${entry.text}`,
        });
      }
    }
    return findings.filter((finding) => context.inScope(finding.file));
  },
});
