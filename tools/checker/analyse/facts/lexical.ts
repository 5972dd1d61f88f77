/**
 * The facts of a file read without a syntax tree: TypeScript's scanner
 * (`preProcessFile`) finds every `import`, `export … from`, `import x =
 * require()`, `require()` and `import()` with a literal specifier, in linear
 * time and constant stack, whatever the file's size or nesting. For a file
 * too large to parse (over `limits.parse_bytes`) or nested too deeply for the
 * parser: its imports are still checked, but each counts as a value import
 * of the whole module, and nothing it re-exports or declares is known.
 */
import { typescript } from "../typescript.js";
import type { Dependency, FileFacts } from "./types.js";

/** The 1-based line and column of every offset of `offsets` (sorted or not) in `text`, in one pass. */
function lineColumns(text: string, offsets: readonly number[]): Map<number, { line: number; column: number }> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map<number, { line: number; column: number }>();
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const offset of wanted) {
    for (; at < offset && at < text.length; at++) {
      if (text.charCodeAt(at) === 10) {
        line++;
        lineStart = at + 1;
      }
    }
    found.set(offset, { line, column: offset - lineStart + 1 });
  }
  return found;
}

/**
 * The facts of a file from its imports alone.
 * @param why - why the file was not parsed, kept with the facts (and cached with them).
 */
export function lexicalFacts(text: string, why: string): FileFacts {
  const imported = typescript().preProcessFile(text, true, true).importedFiles;
  // `pos` is the start of the specifier's text, after its quote.
  const positions = lineColumns(text, imported.map((file) => Math.max(0, file.pos - 1)));
  const dependencies: Dependency[] = imported.map((file) => ({
    form: "import",
    specifier: file.fileName,
    typeOnly: false,
    names: ["*"],
    ...(positions.get(Math.max(0, file.pos - 1)) ?? { line: 1, column: 1 }),
  }));
  return { dependencies, unanalysable: [], reExports: [], declared: [], suppressions: [], lexical: why };
}
