/**
 * The Mermaid flowchart of the dependencies between folders: actual imports
 * (allowed or breaking a rule) and the dependencies the contracts forbid.
 */
import type { DeclaredBan, FolderEdge } from "./model.js";

const RED = "stroke:#d73a49,stroke-width:2px";

function nodeId(folder: string): string {
  return `n_${folder.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function groupId(top: string): string {
  return `g_${top.replace(/[^A-Za-z0-9]/g, "_")}`;
}

function quoted(label: string): string {
  return `"${label.replace(/"/g, "#quot;")}"`;
}

/**
 * Renders the flowchart. Folders two levels deep are grouped under their top
 * folder; a ban that names a top folder points at its group.
 * @param edges - actual imports between folders.
 * @param bans - forbidden dependencies declared by the contracts and layer rules.
 */
export function renderMermaid(edges: readonly FolderEdge[], bans: readonly DeclaredBan[]): string {
  const folders = new Set<string>([...edges.flatMap((e) => [e.from, e.to])]);
  const groups = new Map<string, string[]>();
  for (const folder of folders) {
    const [top = folder, rest] = folder.split("/");
    if (rest === undefined) continue;
    groups.set(top, [...(groups.get(top) ?? []), folder]);
  }
  const endpoint = (folder: string): string => {
    if (folders.has(folder)) return nodeId(folder);
    if (groups.has(folder)) return groupId(folder);
    folders.add(folder);
    return nodeId(folder);
  };
  const links: string[] = [];
  const red: number[] = [];
  for (const edge of edges) {
    if (edge.forbidden) red.push(links.length);
    links.push(`  ${nodeId(edge.from)} ${edge.forbidden ? "==>" : "-->"}|${edge.imports}${edge.forbidden ? " forbidden" : ""}| ${nodeId(edge.to)}`);
  }
  for (const ban of bans) {
    red.push(links.length);
    links.push(`  ${endpoint(ban.from)} -. ${quoted(`may not import (${ban.rule})`)} .-x ${endpoint(ban.to)}`);
  }
  const lines = ["flowchart LR"];
  for (const [top, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  subgraph ${groupId(top)}[${quoted(`${top}/`)}]`);
    for (const folder of members.sort()) lines.push(`    ${nodeId(folder)}[${quoted(folder)}]`);
    lines.push("  end");
  }
  for (const folder of [...folders].sort()) {
    if (!folder.includes("/") || !groups.has(folder.split("/")[0] ?? "")) lines.push(`  ${nodeId(folder)}[${quoted(folder)}]`);
  }
  lines.push(...links);
  if (red.length > 0) lines.push(`  linkStyle ${red.join(",")} ${RED}`);
  return lines.join("\n");
}
