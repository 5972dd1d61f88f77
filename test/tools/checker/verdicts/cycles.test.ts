import { describe, expect, it } from "vitest";
import { findCycles } from "../../../../tools/checker/verdicts/cycles.js";

function graphOf(edges: Record<string, string[]>): ReturnType<typeof findCycles> {
  return findCycles(Object.keys(edges), (node) => edges[node] ?? []);
}

describe("cycles", () => {
  it("finds the dependencies inside a strongly connected component, and the shortest way back", () => {
    const cycles = graphOf({ a: ["b"], b: ["c", "d"], c: ["a"], d: [], e: ["e"] });
    expect(cycles.isCircular("a", "b")).toBe(true);
    expect(cycles.isCircular("c", "a")).toBe(true);
    expect(cycles.isCircular("b", "d")).toBe(false);
    expect(cycles.isCircular("e", "e")).toBe(true);
    expect(cycles.pathBack("a", "b")).toEqual(["b", "c", "a"]);
    expect(cycles.pathBack("c", "a")).toEqual(["a", "b", "c"]);
    expect(cycles.pathBack("e", "e")).toEqual(["e"]);
  });

  it("handles a chain of 100,000 files without overflowing the stack", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 100_000; i++) edges[`f${i}`] = [`f${(i + 1) % 100_000}`];
    const cycles = graphOf(edges);
    expect(cycles.isCircular("f0", "f1")).toBe(true);
    expect(cycles.pathBack("f99999", "f0")).toHaveLength(100_000);
  });
});
