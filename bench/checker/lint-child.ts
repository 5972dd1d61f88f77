/**
 * The child process of `bench:checker`'s per-file lint figure: real ESLint
 * (`lintText`, as an editor integration calls it) with spine-check's plugin
 * (`configs.standalone`) lints the listed files of a synthetic repository one
 * by one, each with its text on the disk (a saved file), then each with one
 * line added (an unsaved edit, which the plugin checks through an overlay).
 * Prints one JSON object ({@link LintChildOutput}) on stdout.
 *
 * Usage: `node --import tsx bench/checker/lint-child.ts ROOT LIST.json`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import plugin from "../../tools/eslint/index.js";
import type { Located } from "./planted.js";

/** What the child prints. */
export interface LintChildOutput {
  /** Milliseconds to lint the first file (configuration and the repository's opening included). */
  readonly firstMs: number;
  /** Milliseconds to lint each further file with its text on the disk. */
  readonly savedMs: readonly number[];
  /** Milliseconds to lint each further file with one line added. */
  readonly editedMs: readonly number[];
  /** What ESLint reported on the saved files (the first included). */
  readonly saved: readonly Located[];
  /** What ESLint reported on the edited files (the first included). */
  readonly edited: readonly Located[];
}

const [root, list] = process.argv.slice(2);
if (root === undefined || list === undefined) throw new Error("usage: lint-child.ts ROOT LIST.json");
const files = JSON.parse(readFileSync(list, "utf8")) as string[];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.standalone] });

/** Lints `text` as the file `file`; returns the milliseconds it took and the messages as located violations. */
async function lintOne(file: string, text: string): Promise<{ ms: number; located: Located[] }> {
  const started = performance.now();
  const results = await eslint.lintText(text, { filePath: join(root as string, file) });
  const ms = performance.now() - started;
  const located = results.flatMap((result) =>
    result.messages.map((message) => {
      if (message.ruleId === null) throw new Error(`${file}: ${message.message}`);
      return { ruleId: message.ruleId.replace("spine-check/", "") as Located["ruleId"], file, line: message.line, column: message.column };
    }),
  );
  return { ms, located };
}

const texts = files.map((file) => readFileSync(join(root, file), "utf8"));
const savedMs: number[] = [];
const editedMs: number[] = [];
const saved: Located[] = [];
const edited: Located[] = [];
let firstMs = 0;
for (const [index, file] of files.entries()) {
  const run = await lintOne(file, texts[index] as string);
  if (index === 0) firstMs = run.ms;
  else savedMs.push(run.ms);
  saved.push(...run.located);
}
for (const [index, file] of files.entries()) {
  const run = await lintOne(file, `${texts[index] as string}\n// an unsaved edit\n`);
  if (index > 0) editedMs.push(run.ms);
  edited.push(...run.located);
}
const output: LintChildOutput = { firstMs, savedMs, editedMs, saved, edited };
process.stdout.write(JSON.stringify(output));
