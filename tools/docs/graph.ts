#!/usr/bin/env node
/**
 * `npm run graph`: writes `docs/module-graph.svg`, the file-level module graph,
 * from dependency-cruiser's dot output (with this repository's contract rules,
 * so violations are drawn in red) rendered by graphviz's `dot`.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { format } from "dependency-cruiser";
import { cruiseRepository } from "../checker/index.js";

/** Where the graph is written, relative to the repository root. */
export const GRAPH_PATH = "docs/module-graph.svg";

function fail(message: string): number {
  process.stderr.write(`spine-graph: ${message}\n`);
  return 2;
}

/**
 * Renders the graph of the repository at `root`; resolves to the exit code
 * (0 written, 2 when graphviz is missing or a tool fails).
 */
export async function writeModuleGraph(root: string): Promise<number> {
  if (spawnSync("dot", ["-V"]).error !== undefined) {
    return fail(
      "graphviz's `dot` is not installed, and it is what turns the graph into SVG.\n" +
        "Install it (Debian/Ubuntu: `apt-get install graphviz`; macOS: `brew install graphviz`) and run `npm run graph` again.",
    );
  }
  const dot = await format(await cruiseRepository(root), { outputType: "dot" });
  const render = spawnSync("dot", ["-Tsvg", "-o", join(root, GRAPH_PATH)], { input: String(dot.output), encoding: "utf8" });
  if (render.status !== 0) return fail(`dot failed:\n${render.stderr}`);
  process.stdout.write(`wrote ${GRAPH_PATH}\n`);
  return 0;
}

process.exitCode = await writeModuleGraph(process.cwd());
