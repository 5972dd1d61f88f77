/**
 * Renders `docs/README.md`: every contracted module with its purpose, layer,
 * transaction rule and export count; the key to the cards; the folder
 * diagram with the bans it cannot draw; and the layer rules.
 */
import { cell, code, document, fenced, GENERATED_MARKER } from "./markdown.js";
import { renderMermaid } from "./mermaid.js";
import type { DocsModel, ModuleCard, UndrawnBan } from "./model.js";
import { cardPath, INDEX_PATH, linkBetween } from "./paths.js";
import { NOT_DECLARED } from "./render-card.js";
import { CARD_HEADINGS, KEY_HEADING, KEY_TERMS, SECTION_EXPLANATIONS } from "./sections.js";

function exportCount(card: ModuleCard): number {
  const e = card.api.exports;
  return e.functions.length + e.classes.length + e.types.length + e.protocols.length + e.constants.length;
}

function link(card: ModuleCard): string {
  const path = card.contract.placement.file;
  return `[${path}](${linkBetween(INDEX_PATH, cardPath(path))})`;
}

function moduleRow(card: ModuleCard): string {
  const p = card.contract.placement;
  const cells = [link(card), p.purpose ?? NOT_DECLARED, p.layer ?? NOT_DECLARED, p.transaction ?? NOT_DECLARED, String(exportCount(card)), String(card.violations.length)];
  return `| ${cells.map(cell).join(" | ")} |`;
}

function keySection(): string[] {
  const sections = [...CARD_HEADINGS.slice(0, 6), "Types and Constants" as const, ...CARD_HEADINGS.slice(6)];
  return [
    `## ${KEY_HEADING}`,
    "Each module's page (its placement card) has these sections, in this order:",
    ["| section | what it shows |", "| --- | --- |", ...sections.map((heading) => `| ${heading} | ${cell(SECTION_EXPLANATIONS[heading])} |`)].join("\n"),
    "Terms the cards take from the original placement cards:",
    KEY_TERMS.map((term) => `- **${term.term}**: ${term.meaning}`).join("\n"),
  ];
}

function undrawnTable(undrawn: readonly UndrawnBan[]): string[] {
  if (undrawn.length === 0) return [];
  return [
    "Forbidden dependencies the diagram does not draw:",
    [
      "| declared by | from | may not import | not drawn because |",
      "| --- | --- | --- | --- |",
      ...undrawn.map(({ ban, why }) => `| ${code(ban.declaredBy)} | ${code(ban.from)} | ${code(ban.to)} | ${cell(why)} |`),
    ].join("\n"),
  ];
}

/**
 * Renders the index page.
 * @param model - the docs model.
 */
export function renderIndex(model: DocsModel): string {
  const rows = [...model.cards].sort((a, b) => a.contract.placement.file.localeCompare(b.contract.placement.file)).map(moduleRow);
  const layerRows = model.layers.map(
    (layer) => `| ${code(layer.name)} | ${layer.from.map(code).join(", ")} | ${layer.forbidden.map(code).join(", ")} | ${cell(layer.reason)} |`,
  );
  return document([
    GENERATED_MARKER,
    "# Architecture",
    "Generated from `contracts/` and the code by `npm run docs`; `npm run check:docs` fails when a committed page differs from what the generator writes.",
    "## Modules",
    "One page per module with a contract. \"not declared\" means the contract leaves the field out.",
    ["| module | purpose | layer | transaction | exports | violations |", "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n"),
    ...keySection(),
    "## Dependencies between folders",
    fenced("mermaid", renderMermaid(model.diagram)),
    [
      "Each box is a top folder (a package's folder says which package); folders that are not in a package share the box around them.",
      "A node is a folder and the folders below it; `x/*` stands for the files directly in `x/`, `./*` for those at the repository root.",
      "Solid arrows are imports the rules allow, labelled with the number of imports; thick red arrows are imports that break a boundary or layer rule;",
      "dotted red crosses are dependencies a contract or a layer rule forbids, labelled with the rules, drawn whether or not the code has them.",
    ].join(" "),
    ...undrawnTable(model.diagram.undrawn),
    ...(layerRows.length === 0
      ? []
      : ["## Layer rules", ["| rule | from | may not import | why |", "| --- | --- | --- | --- |", ...layerRows].join("\n")]),
    "## Module graph",
    "`npm run graph` writes `docs/module-graph.svg`, the file-level graph, through dependency-cruiser's dot output (needs graphviz: `apt-get install graphviz` or `brew install graphviz`).",
  ]);
}
