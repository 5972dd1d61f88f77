/**
 * `--update`: rewrites the `exports` section of a contract from the code,
 * keeping each export's declared consumers and leaving every other section
 * and its comments untouched.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isNode } from "yaml";
import type { ExportsSection } from "./types.js";
import { parseYaml } from "./load.js";

type Entry = { readonly name: string; readonly consumers: readonly string[] };

function keepConsumers<T extends Entry>(fresh: readonly T[], old: readonly Entry[]): T[] {
  const byName = new Map(old.map((e) => [e.name, e.consumers]));
  return fresh.map((entry) => ({ ...entry, consumers: [...(byName.get(entry.name) ?? entry.consumers)] }));
}

/** Merges freshly read exports with the consumers declared in the old section. */
export function mergeExports(fresh: ExportsSection, old: ExportsSection): ExportsSection {
  return {
    functions: keepConsumers(fresh.functions, old.functions),
    classes: keepConsumers(fresh.classes, old.classes),
    types: keepConsumers(fresh.types, old.types),
    protocols: keepConsumers(fresh.protocols, old.protocols),
    constants: keepConsumers(fresh.constants, old.constants),
  };
}

/**
 * Replaces the `exports` section of the contract file (relative to `root`)
 * with `exports`. Returns true when the file changed.
 */
export function writeExports(root: string, contractFile: string, exports: ExportsSection): boolean {
  const abs = join(root, contractFile);
  const text = readFileSync(abs, "utf8");
  const { doc } = parseYaml(contractFile, text);
  const old = doc.get("exports", true);
  const node = doc.createNode(exports);
  if (isNode(old)) {
    node.commentBefore = old.commentBefore;
    node.comment = old.comment;
  }
  doc.set("exports", node);
  const next = doc.toString({ lineWidth: 0 });
  if (next === text) return false;
  writeFileSync(abs, next);
  return true;
}
