/**
 * The folder diagram of docs/README.md: what exists, grouped as the folders
 * are, with readable labels. Each defect the old diagram had is reproduced:
 * test/ and bench/ mixed with the package, folders drawn from globs that
 * match nothing (`api`, `cus`), a `bench` node outside the `bench/` box, and
 * a node shown by its Mermaid id (`n_src_workers`) in a real repository's
 * layout.
 */
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDiagram, type DiagramInput } from "../../../tools/docs/diagram.js";
import { generateDocs } from "../../../tools/docs/generate.js";
import { renderMermaid } from "../../../tools/docs/mermaid.js";
import type { DeclaredBan, DiagramBox } from "../../../tools/docs/model.js";

const repository = resolve(import.meta.dirname, "../../..");

/**
 * The ids a flowchart's arrows name that no node or subgraph declares with a
 * label (Mermaid would show such an id as the node's text), and the labels
 * that look like ids.
 */
function unreadable(mermaid: string): string[] {
  const declared = new Map<string, string>();
  for (const match of mermaid.matchAll(/^\s*(?:subgraph )?(\w+)\["([^"]*)"\]$/gm)) declared.set(match[1] as string, match[2] as string);
  const used = [...mermaid.matchAll(/^\s*(\w+) (?:-->|==>|-\.) .* (\w+)$/gm)].flatMap((match) => [match[1] as string, match[2] as string]);
  const undeclared = [...new Set(used)].filter((id) => !declared.has(id)).map((id) => `undeclared ${id}`);
  const idLike = [...declared].filter(([id, label]) => label === id || /^[gnb]_\w+$/.test(label)).map(([id]) => `id as label ${id}`);
  return [...undeclared, ...idLike];
}

/** Every box and node of a diagram as an indented outline of labels. */
function outline(box: DiagramBox, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  return [...box.boxes.flatMap((inner) => [`${pad}[${inner.label}]`, ...outline(inner, depth + 1)]), ...box.nodes.map((node) => `${pad}${node.label}`)];
}

const ban = (from: string, to: string, name: string, kind: DeclaredBan["kind"] = "layer"): DeclaredBan => ({ from, to, kind, name, declaredBy: `layer ${name}` });

/** This repository's layout before the fix, in small: the package, the tooling, tests, benchmarks with files directly in bench/, a root config file. */
const SPINE_LIKE: DiagramInput = {
  files: [
    "spine/db/index.ts",
    "spine/drivers/idempotency.ts",
    "tools/checker/index.ts",
    "tools/checker/rules/a.ts",
    "tools/checker/main.ts",
    "test/spine/idempotency.test.ts",
    "bench/driver.ts",
    "bench/lib/stats.ts",
    ".dependency-cruiser.js",
  ],
  packages: [
    { folder: "spine", name: "spine-runtime" },
    { folder: "tools", name: "spine-check" },
  ],
  rootPackage: { name: "spine-workspace", private: true },
  edges: [
    { from: "bench", to: "bench/lib", imports: 2, forbidden: false },
    { from: "bench", to: "spine/drivers", imports: 1, forbidden: false },
    { from: "spine/drivers", to: "spine/db", imports: 1, forbidden: false },
    { from: "test/spine", to: "spine/drivers", imports: 3, forbidden: false },
  ],
  bans: [
    ban("api/**", "spine/drivers/idempotency.ts", "idempotency.ts", "boundary"),
    ban("cus/**", "spine/drivers/idempotency.ts", "idempotency.ts", "boundary"),
    ban("spine/**", "test/**", "spine-never-imports-tooling"),
    ban("spine/**", "bench/**", "spine-never-imports-tooling"),
    ban(".dependency-cruiser.js", "tools/checker/*/**", "use-the-public-entry"),
    ban("tools/checker/*/**", "tools/checker/{index,main}.ts", "only-the-entry-runs-main"),
  ],
};

describe("the folder diagram", () => {
  it("keeps the packages apart from the rest, and every folder in the box of its top folder (bench/* inside bench/)", () => {
    expect(outline(buildDiagram(SPINE_LIKE).root)).toEqual([
      "[spine/ (package spine-runtime)]",
      "  spine/db/",
      "  spine/drivers/",
      "[tools/ (package spine-check)]",
      "  tools/checker/",
      "[outside the packages]",
      "  [bench/]",
      "    bench/*",
      "    bench/lib/",
      "  [test/]",
      "    test/spine/",
      "  ./*",
    ]);
  });

  it("draws no folder for a glob that matches no file, and lists such bans and bans inside one folder instead", () => {
    const diagram = buildDiagram(SPINE_LIKE);
    expect(diagram.undrawn.map(({ ban: b, why }) => `${b.from} -> ${b.to}: ${why}`)).toEqual([
      "api/** -> spine/drivers/idempotency.ts: no file matches `api/**`",
      "cus/** -> spine/drivers/idempotency.ts: no file matches `cus/**`",
      "tools/checker/*/** -> tools/checker/{index,main}.ts: both sides are in tools/checker/",
    ]);
    const mermaid = renderMermaid(diagram);
    expect(mermaid).not.toMatch(/"api|"cus/);
    expect(unreadable(mermaid)).toEqual([]);
  });

  it("renders exactly: boxes, labelled nodes, imports, then bans between what exists", () => {
    expect(renderMermaid(buildDiagram(SPINE_LIKE))).toBe(
      [
        "flowchart LR",
        '  subgraph g_spine["spine/ (package spine-runtime)"]',
        '    n_spine_db["spine/db/"]',
        '    n_spine_drivers["spine/drivers/"]',
        "  end",
        '  subgraph g_tools["tools/ (package spine-check)"]',
        '    n_tools_checker["tools/checker/"]',
        "  end",
        '  subgraph b_rest["outside the packages"]',
        '    subgraph g_bench["bench/"]',
        '      n_bench["bench/*"]',
        '      n_bench_lib["bench/lib/"]',
        "    end",
        '    subgraph g_test["test/"]',
        '      n_test_spine["test/spine/"]',
        "    end",
        '    n_root["./*"]',
        "  end",
        "  n_bench -->|2| n_bench_lib",
        "  n_bench -->|1| n_spine_drivers",
        "  n_spine_drivers -->|1| n_spine_db",
        "  n_test_spine -->|3| n_spine_drivers",
        '  g_spine -. "spine-never-imports-tooling" .-x g_bench',
        '  g_spine -. "spine-never-imports-tooling" .-x n_test_spine',
        '  n_root -. "use-the-public-entry" .-x n_tools_checker',
        "  linkStyle 4,5,6 stroke:#d73a49,stroke-width:2px",
      ].join("\n"),
    );
  });

  it("labels every folder of a real repository's layout readably, a folder no import reaches included (src/workers)", () => {
    const diagram = buildDiagram({
      files: ["src/workers/email.ts", "src/api/routes.ts", "src/a-b/x.ts", "src/a_b/y.ts", 'src/say "hi"/z.ts', "index.ts"],
      packages: [],
      rootPackage: { name: "app", private: false },
      edges: [{ from: "src/api", to: "src/a-b", imports: 1, forbidden: true }],
      bans: [ban("src/workers/**", "src/api/**", "workers-never-call-routes")],
    });
    expect(outline(diagram.root)).toEqual(["[src/]", '  src/a-b/', "  src/a_b/", "  src/api/", '  src/say "hi"/', "  src/workers/", "./*"]);
    const mermaid = renderMermaid(diagram);
    expect(mermaid).toContain('    n_src_workers["src/workers/"]\n');
    expect(mermaid).toContain('    n_src_a_b["src/a-b/"]\n    n_src_a_b_2["src/a_b/"]\n');
    expect(mermaid).toContain('    n_src_say__hi_["src/say #quot;hi#quot;/"]\n');
    expect(mermaid).toContain('  n_src_api ==>|"1 forbidden"| n_src_a_b\n');
    expect(mermaid).toContain('  n_src_workers -. "workers-never-call-routes" .-x n_src_api\n');
    expect(unreadable(mermaid)).toEqual([]);
  });

  it("labels the box of a root package that is published, and a package two levels down", () => {
    const diagram = buildDiagram({
      files: ["packages/core/src/a.ts", "packages/web/src/b.ts", "scripts/build.ts"],
      packages: [
        { folder: "packages/core", name: "@acme/core" },
        { folder: "packages/web", name: undefined },
      ],
      rootPackage: { name: "acme", private: false },
      edges: [],
      bans: [],
    });
    expect(outline(diagram.root)).toEqual([
      "[packages/]",
      "  packages/core/ (package @acme/core)",
      "  packages/web/ (package without a name)",
      "[root package acme]",
      "  [scripts/]",
      "    scripts/*",
    ]);
  });
});

describe("the diagram of a workspace fixture (two packages, src/workers, tests and benchmarks with top-level files, a root config file)", () => {
  let index = "";
  let mermaid = "";
  beforeAll(() => {
    index = generateDocs({ root: join(repository, "test/fixtures/docs/workspace"), cache: false }).get("docs/README.md") ?? "";
    mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(index)?.[1] ?? "";
  });

  it("draws what exists, grouped as the folders are, the packages apart, every label readable", () => {
    expect(mermaid).toBe(
      [
        "flowchart LR",
        '  subgraph g_core["core/ (package @acme/core)"]',
        '    n_core_db["core/db/"]',
        '    n_core_queue["core/queue/"]',
        "  end",
        '  subgraph g_tools["tools/ (package @acme/tools)"]',
        '    n_tools_lint["tools/lint/"]',
        "  end",
        '  subgraph b_rest["outside the packages"]',
        '    subgraph g_bench["bench/"]',
        '      n_bench["bench/*"]',
        '      n_bench_lib["bench/lib/"]',
        "    end",
        '    subgraph g_src["src/"]',
        '      n_src_workers["src/workers/"]',
        "    end",
        '    subgraph g_test["test/"]',
        '      n_test["test/*"]',
        '      n_test_unit["test/unit/"]',
        "    end",
        '    n_root["./*"]',
        "  end",
        "  n_root -->|1| n_tools_lint",
        "  n_bench -->|1| n_bench_lib",
        "  n_bench -->|1| n_core_queue",
        "  n_core_queue -->|1| n_core_db",
        '  n_src_workers ==>|"1 forbidden"| n_core_queue',
        "  n_test_unit -->|1| n_core_queue",
        "  n_test_unit -->|1| n_test",
        "  n_tools_lint -->|1| n_core_queue",
        '  g_core -. "core-never-imports-the-rest" .-x g_bench',
        '  g_core -. "core-never-imports-the-rest" .-x g_test',
        '  g_core -. "core-never-imports-the-rest" .-x n_src_workers',
        '  g_core -. "core-never-imports-the-rest" .-x n_tools_lint',
        '  n_src_workers -. "queue.ts boundary" .-x n_core_queue',
        "  linkStyle 4,8,9,10,11,12 stroke:#d73a49,stroke-width:2px",
      ].join("\n"),
    );
    expect(unreadable(mermaid)).toEqual([]);
  });

  it("lists the ban on a folder that does not exist under the diagram", () => {
    expect(index).toContain(
      [
        "Forbidden dependencies the diagram does not draw:",
        "",
        "| declared by | from | may not import | not drawn because |",
        "| --- | --- | --- | --- |",
        "| `contracts/queue/queue.contract.yaml` | `api/**` | `core/queue/queue.ts` | no file matches `api/**` |",
        "",
      ].join("\n"),
    );
  });
});

describe("this repository's diagram", () => {
  it("has no folder drawn from a glob that matches nothing, no node outside its top folder's box, and no id as a label", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(join(repository, "docs/README.md"), "utf8");
    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "";
    expect(unreadable(mermaid)).toEqual([]);
    expect(mermaid).not.toMatch(/\["(api|cus|bench|dev)"\]/);
    expect(mermaid).toContain('  subgraph g_spine["spine/ (package spine-runtime)"]\n');
    expect(mermaid).toMatch(/ {2}subgraph b_rest\["outside the packages"\]\n {4}subgraph g_bench\["bench\/"\]\n {6}n_bench\["bench\/\*"\]\n/);
  });
});
