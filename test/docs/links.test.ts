/**
 * The Markdown a reader sees stays readable and connected: README.md is at
 * most 200 lines, no prose line of README.md or of a hand-written page of
 * docs/ is longer than 1,000 characters, and every relative link of
 * README.md and docs/**\/*.md leads to a file that exists and, with an
 * anchor, to a heading of that file. In-process, reading files only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_MARKER } from "../../tools/docs/markdown.js";

const repository = resolve(import.meta.dirname, "../..");

/** README.md and every Markdown file under docs/, repository-relative. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(repository, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name.split("\\").join("/")}`)
    .sort();
  return ["README.md", ...docs];
}

/** The lines of a Markdown text outside fenced code blocks, with their numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((text, index) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && text.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (opening !== undefined) {
      fence = opening;
      return;
    }
    lines.push({ line: index + 1, text });
  });
  return lines;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown file's headings, numbered as GitHub numbers repeats (`x`, `x-1`). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const base = anchorOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** The relative links of a Markdown file (inline links and images outside code), with their lines. */
function relativeLinks(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  for (const { line, text } of proseLines(markdown)) {
    const withoutCode = text.replace(/`[^`]*`/g, "");
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] as string;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ line, target });
    }
  }
  return links;
}

const files = markdownFiles();
const texts = new Map(files.map((file) => [file, readFileSync(join(repository, file), "utf8")]));

describe("README.md", () => {
  it("is at most 200 lines", () => {
    expect((texts.get("README.md") as string).trimEnd().split("\n").length).toBeLessThanOrEqual(200);
  });

  it("states how long npm test takes on a fresh clone, in seconds", () => {
    expect(texts.get("README.md")).toMatch(/^`npm test` on a fresh clone .*\n.*: \d+, \d+ and \d+ s in three runs/m);
  });
});

describe("the Markdown a reader sees", () => {
  it("has no prose line over 1,000 characters in README.md or a hand-written page of docs/", () => {
    const long: string[] = [];
    for (const [file, text] of texts) {
      if (text.startsWith(GENERATED_MARKER)) continue;
      for (const { line, text: content } of proseLines(text)) {
        if (content.length > 1000) long.push(`${file}:${line} (${content.length} characters)`);
      }
    }
    expect(long).toEqual([]);
  });

  it("links only to files that exist, and to headings that exist in them", () => {
    const broken: string[] = [];
    for (const [file, text] of texts) {
      for (const { line, target } of relativeLinks(text)) {
        const [path = "", anchor] = target.split("#", 2);
        const linked = path === "" ? join(repository, file) : resolve(dirname(join(repository, file)), decodeURIComponent(path));
        const where = `${file}:${line} ${target}`;
        if (!existsSync(linked)) {
          broken.push(`${where}: no file ${relative(repository, linked)}`);
          continue;
        }
        if (anchor === undefined || anchor === "" || !linked.endsWith(".md") || statSync(linked).isDirectory()) continue;
        const headings = anchors(texts.get(relative(repository, linked).split("\\").join("/")) ?? readFileSync(linked, "utf8"));
        if (!headings.has(anchor)) broken.push(`${where}: no heading #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("finds the links and anchors it checks", () => {
    expect(anchors("# A title\n\n## Exit codes, limits and hostile input\n\n## `npm test`\n\n## A title\n")).toEqual(
      new Set(["a-title", "exit-codes-limits-and-hostile-input", "npm-test", "a-title-1"]),
    );
    expect(relativeLinks("See [a](docs/a.md#x), [b](https://example.com), `[c](not/a/link.md)`.\n```\n[d](in/code.md)\n```\n")).toEqual([
      { line: 1, target: "docs/a.md#x" },
    ]);
  });
});
