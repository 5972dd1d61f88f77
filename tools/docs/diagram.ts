/**
 * Lays out the diagram of the dependencies between folders: what exists,
 * grouped as the folders are. Every analysed file is in one node (its folder,
 * cut to two levels); nodes sit in the box of their top folder; the top
 * folders that are (or hold) packages are boxes of their own, and everything
 * else (tests, benchmarks, scripts, the root's files) shares one box, so the
 * packages stand apart from the rest. A declared ban is drawn between the
 * nodes whose files its globs match; a ban whose glob matches no file, or
 * whose two sides fall in one folder, is listed instead of drawn.
 */
import { matcher } from "../checker/index.js";
import type { DeclaredBan, Diagram, DiagramBox, DiagramLink, DiagramNode, FolderEdge, UndrawnBan } from "./model.js";

/** A folder holding a package manifest (other than the root's). */
export interface PackageFolder {
  /** Repository-relative folder (`spine`, `packages/core`). */
  readonly folder: string;
  /** The package's name (`undefined` when the manifest has none). */
  readonly name: string | undefined;
}

/** What the diagram is drawn from. */
export interface DiagramInput {
  /** Repository-relative paths of the analysed files. */
  readonly files: readonly string[];
  /** The packages below the root. */
  readonly packages: readonly PackageFolder[];
  /** The root's manifest: whether it is private (a workspace root that is never published); `undefined` without one. */
  readonly rootPackage: { readonly name: string | undefined; readonly private: boolean } | undefined;
  /** Imports between folders (by folder key), with the checker's verdicts. */
  readonly edges: readonly FolderEdge[];
  /** The dependencies the contracts and layer rules forbid. */
  readonly bans: readonly DeclaredBan[];
}

/** The folder key of a file: its folder cut to two levels (`spine/db`), the top folder for the files directly in it (`bench`), `""` at the root. */
export function folderKey(path: string): string {
  return path.split("/").slice(0, -1).slice(0, 2).join("/");
}

/** The top folder of a folder key (`""` for the root). */
function topOf(key: string): string {
  return key.split("/")[0] ?? "";
}

/** Hands out Mermaid ids: letters, digits and `_` only, unique even when two paths clean up alike. */
function idAllocator(): (prefix: string, path: string) => string {
  const used = new Set<string>();
  return (prefix, path) => {
    const base = `${prefix}_${path.replace(/[^A-Za-z0-9]/g, "_") || "root"}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  };
}

/** The box layout: nodes by folder key, boxes by top folder, and the root box. */
interface Layout {
  readonly root: DiagramBox;
  readonly nodes: ReadonlyMap<string, DiagramNode>;
  /** The keys of each top folder's box, and the box's id. */
  readonly groups: ReadonlyMap<string, { readonly id: string; readonly label: string; readonly keys: readonly string[] }>;
}

function layout(keys: readonly string[], input: DiagramInput): Layout {
  const id = idAllocator();
  const packages = new Map(input.packages.filter((p) => keys.some((key) => key === p.folder || key.startsWith(`${p.folder}/`))).map((p) => [p.folder, p.name]));
  const packageNote = (folder: string): string => (packages.has(folder) ? ` (package ${packages.get(folder) ?? "without a name"})` : "");
  const nodes = new Map<string, DiagramNode>();
  const keysByTop = new Map<string, string[]>();
  for (const key of keys) {
    const label = key === "" ? "./*" : key.includes("/") ? `${key}/${packageNote(key)}` : `${key}/*`;
    nodes.set(key, { id: id("n", key), label });
    if (key !== "") keysByTop.set(topOf(key), [...(keysByTop.get(topOf(key)) ?? []), key]);
  }
  const groups = new Map<string, { id: string; label: string; keys: string[] }>();
  const packaged: DiagramBox[] = [];
  const rest: DiagramBox[] = [];
  for (const [top, members] of keysByTop) {
    const group = { id: id("g", top), label: `${top}/${packageNote(top)}`, keys: members };
    groups.set(top, group);
    const box: DiagramBox = { id: group.id, label: group.label, boxes: [], nodes: members.map((key) => nodes.get(key) as DiagramNode) };
    (members.some((key) => packages.has(key)) || packages.has(top) ? packaged : rest).push(box);
  }
  const loose = nodes.has("") ? [nodes.get("") as DiagramNode] : [];
  if (packages.size === 0) return { root: { id: "root", label: "", boxes: rest, nodes: loose }, nodes, groups };
  const restLabel = input.rootPackage?.private === false ? `root package${input.rootPackage.name === undefined ? "" : ` ${input.rootPackage.name}`}` : "outside the packages";
  const restBox: DiagramBox = { id: id("b", "rest"), label: restLabel, boxes: rest, nodes: loose };
  const boxes = rest.length + loose.length === 0 ? packaged : [...packaged, restBox];
  return { root: { id: "root", label: "", boxes, nodes: [] }, nodes, groups };
}

/**
 * The ids of what a glob names: the box of a top folder when it matches a
 * file in each of the box's nodes (and the box has more than one), else each
 * node with a matching file; `undefined` when it matches no file.
 */
function resolver(filesByKey: ReadonlyMap<string, readonly string[]>, shape: Layout): (glob: string) => string[] | undefined {
  return (glob) => {
    const match = matcher([glob]);
    const hit = new Set([...filesByKey].filter(([, files]) => files.some(match)).map(([key]) => key));
    if (hit.size === 0) return undefined;
    const ids: string[] = [];
    if (hit.has("")) ids.push((shape.nodes.get("") as DiagramNode).id);
    for (const group of shape.groups.values()) {
      const inGroup = group.keys.filter((key) => hit.has(key));
      if (inGroup.length === group.keys.length && inGroup.length > 1) ids.push(group.id);
      else ids.push(...inGroup.map((key) => (shape.nodes.get(key) as DiagramNode).id));
    }
    return ids;
  };
}

/** The label of a node or box, by id. */
function labels(box: DiagramBox, into = new Map<string, string>()): Map<string, string> {
  into.set(box.id, box.label);
  for (const node of box.nodes) into.set(node.id, node.label);
  for (const inner of box.boxes) labels(inner, into);
  return into;
}

/** The label of a ban link: the layer rules by name, then the module boundaries (by module while there are two at most). */
function banLabel(bans: readonly DeclaredBan[]): string {
  const layers = [...new Set(bans.filter((ban) => ban.kind === "layer").map((ban) => ban.name))].sort();
  const modules = [...new Set(bans.filter((ban) => ban.kind === "boundary").map((ban) => ban.name))].sort();
  const boundaries = modules.length === 0 ? [] : modules.length <= 2 ? modules.map((name) => `${name} boundary`) : [`boundaries of ${modules.length} modules`];
  return [...layers, ...boundaries].join(", ");
}

/** Resolves the bans: the links to draw (one per pair of ends, naming every declaration) and the bans that cannot be drawn. */
function banLinks(bans: readonly DeclaredBan[], resolve: (glob: string) => string[] | undefined, labelOf: ReadonlyMap<string, string>): { links: DiagramLink[]; undrawn: UndrawnBan[] } {
  const drawn = new Map<string, { from: string; to: string; bans: DeclaredBan[] }>();
  const undrawn: UndrawnBan[] = [];
  for (const ban of bans) {
    const from = resolve(ban.from);
    const to = resolve(ban.to);
    if (from === undefined || to === undefined) {
      undrawn.push({ ban, why: `no file matches \`${from === undefined ? ban.from : ban.to}\`` });
      continue;
    }
    const pairs = from.flatMap((f) => to.filter((t) => t !== f).map((t) => ({ from: f, to: t })));
    if (pairs.length === 0) {
      undrawn.push({ ban, why: `both sides are in ${labelOf.get(from[0] as string) ?? ""}` });
      continue;
    }
    for (const pair of pairs) {
      const key = `${pair.from}\u0000${pair.to}`;
      const link = drawn.get(key) ?? { ...pair, bans: [] };
      link.bans.push(ban);
      drawn.set(key, link);
    }
  }
  const links = [...drawn.values()]
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
    .map((link): DiagramLink => ({ from: link.from, to: link.to, kind: "ban", label: banLabel(link.bans) }));
  return { links, undrawn };
}

/** Lays out the diagram of a repository's folders, their imports and the dependencies its rules forbid. */
export function buildDiagram(input: DiagramInput): Diagram {
  const filesByKey = new Map<string, string[]>();
  for (const file of [...input.files].sort()) filesByKey.set(folderKey(file), [...(filesByKey.get(folderKey(file)) ?? []), file]);
  const shape = layout([...filesByKey.keys()].sort(), input);
  const nodeId = (key: string): string => {
    const node = shape.nodes.get(key);
    if (node === undefined) throw new Error(`the diagram has no folder ${JSON.stringify(key)}`);
    return node.id;
  };
  const imports = input.edges.map(
    (edge): DiagramLink => ({ from: nodeId(edge.from), to: nodeId(edge.to), kind: edge.forbidden ? "forbidden-import" : "import", label: String(edge.imports) }),
  );
  const bans = banLinks(input.bans, resolver(filesByKey, shape), labels(shape.root));
  return { root: shape.root, links: [...imports, ...bans.links], undrawn: bans.undrawn };
}
