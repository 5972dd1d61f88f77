/**
 * Renders the {@link Diagram} as a Mermaid flowchart: boxes as subgraphs,
 * folders as nodes, imports as arrows (red when they break a rule) and
 * declared bans as dotted red crosses. Every node and box is declared with
 * its label before any arrow names it, so Mermaid never shows an id.
 */
import type { Diagram, DiagramBox, DiagramLink } from "./model.js";

const RED = "stroke:#d73a49,stroke-width:2px";

/** A Mermaid label in double quotes (a double quote inside becomes `#quot;`). */
function quoted(label: string): string {
  return `"${label.replace(/"/g, "#quot;")}"`;
}

function boxLines(box: DiagramBox, indent: string): string[] {
  return [
    `${indent}subgraph ${box.id}[${quoted(box.label)}]`,
    ...box.boxes.flatMap((inner) => boxLines(inner, `${indent}  `)),
    ...box.nodes.map((node) => `${indent}  ${node.id}[${quoted(node.label)}]`),
    `${indent}end`,
  ];
}

function linkLine(link: DiagramLink): string {
  if (link.kind === "ban") return `  ${link.from} -. ${quoted(link.label)} .-x ${link.to}`;
  return link.kind === "forbidden-import" ? `  ${link.from} ==>|${quoted(`${link.label} forbidden`)}| ${link.to}` : `  ${link.from} -->|${link.label}| ${link.to}`;
}

/** Renders the flowchart. */
export function renderMermaid(diagram: Diagram): string {
  const lines = [
    "flowchart LR",
    ...diagram.root.boxes.flatMap((box) => boxLines(box, "  ")),
    ...diagram.root.nodes.map((node) => `  ${node.id}[${quoted(node.label)}]`),
    ...diagram.links.map(linkLine),
  ];
  const red = diagram.links.flatMap((link, index) => (link.kind === "import" ? [] : [index]));
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} ${RED}`);
  return lines.join("\n");
}
