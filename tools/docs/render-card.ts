/**
 * Renders one placement card in the seed card's format: the same headings in
 * the same order, each followed by the line that explains it, with the
 * contract's declarations and the code's facts. A section the contract
 * leaves out reads "not declared".
 */
import { basename, dirname } from "node:path";
import { type ClassExport, type DefinitionExport, type DocComment, EMPTY_DOC, type FunctionExport, layOutDeclaration } from "../checker/index.js";
import { code, codeList, document, fenced, GENERATED_MARKER, yamlBlock } from "./markdown.js";
import type { ModuleCard } from "./model.js";
import { cardPath, INDEX_PATH, linkBetween } from "./paths.js";
import { type CardHeading, KEY_ANCHOR, SECTION_EXPLANATIONS } from "./sections.js";

/** What a card says for a field or section the contract leaves out. */
export const NOT_DECLARED = "not declared";

function yesNo(value: boolean): string {
  return value ? "yes" : "no";
}

function listOrNone(items: readonly string[] | undefined): string {
  if (items === undefined) return NOT_DECLARED;
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
    ["Role", placement.role ?? NOT_DECLARED],
    ["Inbound", listOrNone(placement.inbound)],
    ["Outbound", listOrNone(placement.outbound)],
    ["Transaction", placement.transaction === undefined ? NOT_DECLARED : capitalise(placement.transaction)],
    ["Cross-domain", listOrNone(placement.cross_domain)],
    ["Purpose", placement.purpose ?? NOT_DECLARED],
    ["Violations", card.violations.length === 0 ? "none" : String(card.violations.length)],
  ];
  return fenced("", rows.map(([name, value]) => `${`${name}:`.padEnd(17)}${value}`.trimEnd()).join("\n"));
}

/** The **Returns:** line: the return type the checker prints (each overload's), then the TSDoc `@returns` text when there is one. */
function returnsLine(types: readonly string[], text: string): string {
  const shown = [...new Set(types)].map(code).join(" or ");
  if (shown === "") return text === "" ? "" : `**Returns:** ${text}`;
  return `**Returns:** ${shown}${text === "" ? "" : `: ${text}`}`;
}

function docBlocks(doc: DocComment, returnTypes: readonly string[] | undefined): string[] {
  const blocks: string[] = [];
  if (doc.summary !== "") blocks.push(doc.summary);
  if (doc.params.length > 0) blocks.push(`**Parameters:**\n${doc.params.map((p) => `- ${code(p.name)}: ${p.text}`).join("\n")}`);
  const returns = returnTypes === undefined ? (doc.returns === "" ? "" : `**Returns:** ${doc.returns}`) : returnsLine(returnTypes, doc.returns);
  if (returns !== "") blocks.push(returns);
  if (doc.throws.length > 0) blocks.push(`**Throws:**\n${doc.throws.map((t) => `- ${t}`).join("\n")}`);
  return blocks;
}

function functionSection(fn: FunctionExport, card: ModuleCard): string {
  return document([`### ${code(fn.signature)}`, ...docBlocks(card.api.docs[fn.name] ?? EMPTY_DOC, card.api.returns[fn.name] ?? [])]).trimEnd();
}

function classSection(cls: ClassExport, card: ModuleCard): string {
  const title = `### ${code(cls.name)}${cls.extends === undefined ? "" : ` (extends ${code(cls.extends)})`}`;
  const members = cls.methods.map((method) => {
    const summary = card.api.docs[`${cls.name}.${method.name}`]?.summary ?? "";
    return `- ${code(method.signature)}${summary === "" ? "" : `: ${summary.split("\n").join(" ")}`}`;
  });
  return document([title, ...docBlocks(card.api.docs[cls.name] ?? EMPTY_DOC, undefined), members.join("\n")]).trimEnd();
}

function definitionSection(kind: string, definition: DefinitionExport, card: ModuleCard): string {
  const recorded = card.api.declarations[definition.name];
  const declaration = recorded === undefined ? definition.definition : layOutDeclaration(recorded);
  const shownKind = kind === "type" && /^declare (const )?enum /.test(declaration) ? "enum" : kind;
  const summary = card.api.docs[definition.name]?.summary ?? "";
  return document([`### ${code(definition.name)} (${shownKind})`, fenced("ts", declaration), summary]).trimEnd();
}

function section(title: CardHeading, blocks: readonly string[], empty = ""): string {
  return document([`## ${title}`, `*${SECTION_EXPLANATIONS[title]}*`, ...(blocks.length === 0 ? [empty] : blocks)]).trimEnd();
}

/** The sentence for an optional section the contract leaves out: what is then not checked, and how to fill it. */
function notDeclared(key: string, consequence: string): string {
  return `${code(key)}: ${NOT_DECLARED}, so ${consequence}`;
}

function headerLines(card: ModuleCard): string {
  const placement = card.contract.placement;
  const layerNumber = /\bL\d+\b/.exec(placement.layer ?? "")?.[0];
  const key = linkBetween(cardPath(placement.file), INDEX_PATH);
  const layer = placement.layer === undefined ? NOT_DECLARED : `${placement.layer}${layerNumber === undefined ? "" : ` ([what ${layerNumber} means](${key}#${KEY_ANCHOR}))`}`;
  return [
    `**Path:** ${code(placement.file)}  `,
    `**Layer:** ${layer}  `,
    `**Component:** ${capitalise(basename(dirname(placement.file)))}  `,
    `**Contract:** ${code(card.contractFile)}`,
  ].join("\n");
}

function transactionSection(card: ModuleCard): string {
  const declared = card.contract.placement.transaction;
  return section("Transaction Boundary", [
    [`- **Commits:** ${yesNo(card.transactions.commits)}`, `- **Flushes:** ${yesNo(card.transactions.flushes)}`, `- **Rollbacks:** ${yesNo(card.transactions.rollbacks)}`].join("\n"),
    declared === undefined
      ? notDeclared("transaction", "the checker does not check this module's transaction control.")
      : `Declared: transaction ${code(declared)}.`,
  ]);
}

function importBoundarySection(card: ModuleCard): string {
  const contract = card.contract;
  const recorded = contract.actual_imports;
  return section("Import Boundary", [
    yamlBlock(recorded === undefined ? { boundary: contract.boundary } : { boundary: contract.boundary, actual_imports: recorded }),
    ...(recorded === undefined ? [notDeclared("actual_imports", "the checker does not compare this module's imports with the contract (`--update` writes the section from the code).")] : []),
    `**Violations:**\n${codeList(card.violations)}`,
  ]);
}

/**
 * Renders the Markdown of one card.
 * @param card - the module's contract and code facts.
 */
export function renderCard(card: ModuleCard): string {
  const contract = card.contract;
  const placement = contract.placement;
  const exports = card.api.exports;
  const missing = card.exists ? [] : [`> **The contracted file ${code(placement.file)} does not exist**: the sections read from the code are empty.`];
  const definitions = [
    ...exports.types.map((d) => definitionSection("type", d, card)),
    ...exports.protocols.map((d) => definitionSection("interface", d, card)),
    ...exports.constants.map((d) => definitionSection("constant", d, card)),
  ];
  return document([
    GENERATED_MARKER,
    `# ${card.title}`,
    headerLines(card),
    ...missing,
    "---",
    section("Placement Card", [placementBlock(card)]),
    section("Purpose", [placement.purpose === undefined ? `${capitalise(NOT_DECLARED)}.` : placement.purpose]),
    section("Import Analysis", [`**Internal:**\n${codeList(card.actualImports.internal)}`, `**External:**\n${codeList(card.actualImports.external)}`]),
    transactionSection(card),
    section("Functions", exports.functions.map((fn) => functionSection(fn, card)), "None."),
    section("Classes", exports.classes.map((cls) => classSection(cls, card)), "None."),
    ...(definitions.length === 0 ? [] : [section("Types and Constants", definitions)]),
    section("Domain Usage", [`**Callers:**\n${codeList(card.callers)}`]),
    section("Export Contract", [
      contract.exports === undefined
        ? notDeclared("exports", "the checker does not compare this module's exports with the contract (`--update` writes the section from the code).")
        : yamlBlock({ exports: contract.exports }),
    ]),
    importBoundarySection(card),
    section("L5 Pairing Declaration", [contract.pairing === undefined ? `${code("pairing")}: ${NOT_DECLARED}.` : yamlBlock({ pairing: contract.pairing })]),
  ]);
}
