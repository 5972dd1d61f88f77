/**
 * Renders one placement card in the seed card's format: the same headings in
 * the same order, with the contract's declarations and the code's facts.
 */
import { basename, dirname } from "node:path";
import { type ClassExport, type DefinitionExport, type DocComment, EMPTY_DOC, type FunctionExport } from "../checker/index.js";
import { code, codeList, document, fenced, GENERATED_MARKER, yamlBlock } from "./markdown.js";
import type { ModuleCard } from "./model.js";

/** The headings of the seed card, in order; every card has them all. */
export const CARD_HEADINGS = [
  "Placement Card",
  "Purpose",
  "Import Analysis",
  "Transaction Boundary",
  "Functions",
  "Classes",
  "Domain Usage",
  "Export Contract",
  "Import Boundary",
  "L5 Pairing Declaration",
] as const;

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

function listOrNone(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.join(", ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function placementBlock(card: ModuleCard): string {
  const placement = card.contract.placement;
  const rows: [string, string][] = [
    ["File", basename(placement.file)],
    ["Lives in", `${basename(dirname(placement.file))}/`],
    ["Role", placement.role],
    ["Inbound", listOrNone(placement.inbound)],
    ["Outbound", listOrNone(placement.outbound)],
    ["Transaction", capitalise(placement.transaction)],
    ["Cross-domain", listOrNone(placement.cross_domain)],
    ["Purpose", placement.purpose],
    ["Violations", card.violations.length === 0 ? "none" : String(card.violations.length)],
  ];
  return fenced("", rows.map(([name, value]) => `${`${name}:`.padEnd(17)}${value}`.trimEnd()).join("\n"));
}

function docBlocks(doc: DocComment): string[] {
  const blocks: string[] = [];
  if (doc.summary !== "") blocks.push(doc.summary);
  if (doc.params.length > 0) blocks.push(`**Parameters:**\n${doc.params.map((p) => `- ${code(p.name)}: ${p.text}`).join("\n")}`);
  if (doc.returns !== "") blocks.push(`**Returns:** ${doc.returns}`);
  if (doc.throws.length > 0) blocks.push(`**Throws:**\n${doc.throws.map((t) => `- ${t}`).join("\n")}`);
  return blocks;
}

function functionSection(fn: FunctionExport, card: ModuleCard): string {
  return document([`### ${code(fn.signature)}`, ...docBlocks(card.docs.get(fn.name) ?? EMPTY_DOC)]).trimEnd();
}

function classSection(cls: ClassExport, card: ModuleCard): string {
  const title = `### ${code(cls.name)}${cls.extends === undefined ? "" : ` (extends ${code(cls.extends)})`}`;
  const members = cls.methods.map((method) => {
    const summary = card.docs.get(`${cls.name}.${method.name}`)?.summary ?? "";
    return `- ${code(method.signature)}${summary === "" ? "" : `: ${summary.split("\n").join(" ")}`}`;
  });
  return document([title, ...docBlocks(card.docs.get(cls.name) ?? EMPTY_DOC), members.join("\n")]).trimEnd();
}

function definitionSection(kind: string, definition: DefinitionExport, card: ModuleCard): string {
  const summary = card.docs.get(definition.name)?.summary ?? "";
  return document([`### ${code(definition.name)} (${kind})`, fenced("ts", definition.definition), summary]).trimEnd();
}

function section(title: string, blocks: readonly string[], empty: string): string {
  return document([`## ${title}`, ...(blocks.length === 0 ? [empty] : blocks)]).trimEnd();
}

/**
 * Renders the Markdown of one card.
 * @param card - the module's contract and code facts.
 */
export function renderCard(card: ModuleCard): string {
  const placement = card.contract.placement;
  const exports = card.exports;
  const missing = card.exists ? [] : [`> **The contracted file ${code(placement.file)} does not exist**: the sections read from the code are empty.`];
  const definitions = [
    ...exports.types.map((d) => definitionSection("type", d, card)),
    ...exports.protocols.map((d) => definitionSection("interface", d, card)),
    ...exports.constants.map((d) => definitionSection("constant", d, card)),
  ];
  return document([
    GENERATED_MARKER,
    `# ${basename(placement.file)}`,
    [`**Path:** ${code(placement.file)}  `, `**Layer:** ${placement.layer}  `, `**Component:** ${capitalise(basename(dirname(placement.file)))}  `, `**Contract:** ${code(card.contractFile)}`].join("\n"),
    ...missing,
    "---",
    section("Placement Card", [placementBlock(card)], ""),
    section("Purpose", [placement.purpose], ""),
    section("Import Analysis", [`**Internal:**\n${codeList(card.actualImports.internal)}`, `**External:**\n${codeList(card.actualImports.external)}`], ""),
    section(
      "Transaction Boundary",
      [
        [
          `- **Commits:** ${yesNo(card.transactions.commits)}`,
          `- **Flushes:** ${yesNo(card.transactions.flushes)}`,
          `- **Rollbacks:** ${yesNo(card.transactions.rollbacks)}`,
        ].join("\n"),
        `Declared: transaction ${code(placement.transaction)}.`,
      ],
      "",
    ),
    section("Functions", exports.functions.map((fn) => functionSection(fn, card)), "None."),
    section("Classes", exports.classes.map((cls) => classSection(cls, card)), "None."),
    ...(definitions.length === 0 ? [] : [section("Types and Constants", definitions, "")]),
    section("Domain Usage", [`**Callers:**\n${codeList(card.callers)}`], ""),
    section("Export Contract", [yamlBlock("exports", card.contract.exports)], ""),
    section(
      "Import Boundary",
      [
        yamlBlock("boundary", {
          allowed_inbound: card.contract.boundary.allowed_inbound,
          forbidden_inbound: card.contract.boundary.forbidden_inbound,
          actual_imports: card.actualImports,
          violations: card.violations,
        }),
      ],
      "",
    ),
    section("L5 Pairing Declaration", [yamlBlock("pairing", card.contract.pairing)], ""),
  ]);
}
