/**
 * The command line of the docs generator: `npm run docs` writes the pages,
 * `npm run check:docs` fails when the committed pages are stale. Returns the
 * exit code (0 up to date, 1 stale, 2 usage or configuration error).
 */
import { parseArgs } from "node:util";
import type { CliIo } from "../checker/cli.js";
import { CheckerConfigError, CheckerError } from "../checker/errors.js";
import { compareDocs, writeDocs } from "./compare.js";
import { generateDocs } from "./generate.js";

/** The usage text. */
export const DOCS_USAGE = `Usage: spine-docs [--check] [--root DIR]

Generates docs/README.md and one placement card per contract
(docs/<source path>.md) from contracts/ and the code.

Options:
  --check      write nothing; exit 1 when a committed page is stale,
               missing, or left over from a removed contract
  --root DIR   the repository (default: the current folder)
  -h, --help   show this text

Exit codes: 0 up to date (or written), 1 stale, 2 usage or configuration error.
`;

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const EXPLAIN = { stale: "is stale", missing: "is missing", orphan: "has no contract any more" } as const;

/** Runs the docs generator with command-line arguments; returns the exit code. */
export function runDocsCli(argv: readonly string[], io: CliIo = defaultIo): number {
  let values: { check?: boolean; root?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { check: { type: "boolean" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`spine-docs: ${(error as Error).message}\n\n${DOCS_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(DOCS_USAGE);
    return 0;
  }
  const root = values.root ?? process.cwd();
  try {
    const pages = generateDocs({ root });
    if (!values.check) {
      const changes = writeDocs(root, pages);
      for (const change of changes) io.stdout(`${change.action} ${change.path}\n`);
      io.stdout(`docs: ${pages.size} pages, ${changes.length} changed\n`);
      return 0;
    }
    const drift = compareDocs(root, pages);
    if (drift.length === 0) {
      io.stdout(`docs up to date: ${pages.size} pages\n`);
      return 0;
    }
    for (const item of drift) {
      io.stderr(`${item.path} ${EXPLAIN[item.kind]}\n${item.diff === "" ? "" : `${item.diff}\n`}\n`);
    }
    io.stderr(`${drift.length} of the generated docs differ from the contracts and the code. Run \`npm run docs\` and commit the result.\n`);
    return 1;
  } catch (error) {
    if (error instanceof CheckerConfigError) {
      io.stderr(`spine-docs: configuration error\n${error.message}\n`);
      return 2;
    }
    if (error instanceof CheckerError) {
      io.stderr(`spine-docs: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
