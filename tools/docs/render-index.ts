/**
 * Renders `docs/README.md`: every contracted module with its layer, role,
 * transaction rule and export count, the folder dependency diagram, and the
 * layer rules.
 */
import { relative } from "node:path";
import { cell, code, document, fenced, GENERATED_MARKER } from "./markdown.js";
import { renderMermaid } from "./mermaid.js";
import type { DocsModel, ModuleCard } from "./model.js";

/** Where the card of a module is written: `docs/<source path>.md`. */
export function cardPath(sourcePath: string): string {
  return `docs/${sourcePath.replace(/\.[cm]?[jt]sx?$/, "")}.md`;
}

/** The path of the index page. */
export const INDEX_PATH = "docs/README.md";

function exportCount(card: ModuleCard): number {
  const e = card.exports;
  return e.functions.length + e.classes.length + e.types.length + e.protocols.length + e.constants.length;
}

function link(card: ModuleCard): string {
  const target = relative("docs", cardPath(card.contract.placement.file)).split("\\").join("/");
  return `[${card.contract.placement.file}](${target})`;
}

/**
 * Renders the index page.
 * @param model - the docs model.
 */
export function renderIndex(model: DocsModel): string {
  const rows = [...model.cards]
    .sort((a, b) => a.contract.placement.file.localeCompare(b.contract.placement.file))
    .map((card) => {
      const p = card.contract.placement;
      return `| ${link(card)} | ${cell(p.layer)} | ${cell(p.role)} | ${p.transaction} | ${exportCount(card)} | ${card.violations.length} | ${code(card.contractFile)} |`;
    });
  const layerRows = model.layers.map(
    (layer) => `| ${code(layer.name)} | ${layer.from.map(code).join(", ")} | ${layer.forbidden.map(code).join(", ")} | ${cell(layer.reason)} |`,
  );
  return document([
    GENERATED_MARKER,
    "# Architecture",
    "Generated from `contracts/` and the code by `npm run docs`; `npm run check:docs` fails when a committed page differs from what the generator writes.",
    "## Modules",
    ["| module | layer | role | transaction | exports | violations | contract |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n"),
    "## Dependencies between folders",
    fenced("mermaid", renderMermaid(model.edges, model.bans)),
    "Solid arrows are imports the contracts allow, labelled with the number of imports. Thick red arrows are imports that break a boundary or layer rule. Dotted red crosses are dependencies the contracts forbid, drawn whether or not the code has them.",
    ...(layerRows.length === 0
      ? []
      : ["## Layer rules", ["| rule | from | may not import | why |", "| --- | --- | --- | --- |", ...layerRows].join("\n")]),
    "## Module graph",
    "`npm run graph` writes `docs/module-graph.svg`, the file-level graph, through dependency-cruiser's dot output (needs graphviz: `apt-get install graphviz` or `brew install graphviz`).",
  ]);
}
