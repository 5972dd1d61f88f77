import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../../tools/checker/contracts/yaml.js";
import { replaceSection } from "../../../../tools/checker/update/splice.js";

function replace(text: string, key: string, value: unknown): string {
  return replaceSection(text, parseYaml("x.yaml", text), key, value);
}

describe("replacing one section of a YAML text", () => {
  it("replaces a block section and keeps every comment and the other sections byte for byte", () => {
    const text = "a: [ 1, 2 ]   # flow, padded\nlist:   # inline comment\n  # before the first item\n  - old\n  # after the last item\nb: x\n";
    expect(replace(text, "list", ["new", "newer"])).toBe(
      "a: [ 1, 2 ]   # flow, padded\nlist:   # inline comment\n  # before the first item\n  - new\n  - newer\n  # after the last item\nb: x\n",
    );
  });

  it("keeps the indentation of a nested map", () => {
    const text = "imports:\n    internal: []\n    external: []\nnext: 1\n";
    expect(replace(text, "imports", { internal: ["a.ts"], external: [] })).toBe("imports:\n    internal:\n      - a.ts\n    external: []\nnext: 1\n");
  });

  it("turns a flow or empty value into a block, and adds a missing key at the end", () => {
    expect(replace("imports: {}\nnext: 1\n", "imports", { internal: [] })).toBe("imports:\n  internal: []\nnext: 1\n");
    expect(replace("imports:\nnext: 1\n", "imports", { internal: [] })).toBe("imports:\n  internal: []\nnext: 1\n");
    expect(replace("next: 1\n", "imports", { internal: [] })).toBe("next: 1\nimports:\n  internal: []\n");
  });

  it("inserts a missing key before the first of the given keys the document has, above the comments on top of it", () => {
    const text = "a: 1\n# about b\n# more about b\nb: 2\nc: 3\n";
    expect(replaceSection(text, parseYaml("x.yaml", text), "new", ["x"], ["missing", "b", "c"])).toBe("a: 1\nnew:\n  - x\n# about b\n# more about b\nb: 2\nc: 3\n");
  });

  it("keeps a document's blank lines between sections, wherever the key goes", () => {
    const text = "a: 1\n\n# about b\nb: 2\n";
    expect(replaceSection(text, parseYaml("x.yaml", text), "new", { k: "@scope/pkg" }, ["b"])).toBe('a: 1\n\nnew:\n  k: "@scope/pkg"\n\n# about b\nb: 2\n');
    expect(replaceSection(text, parseYaml("x.yaml", text), "new", [], ["missing"])).toBe("a: 1\n\n# about b\nb: 2\n\nnew:\n  []\n");
  });
});
