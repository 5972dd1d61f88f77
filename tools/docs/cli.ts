/**
 * The command line of the docs generator: `npm run docs` writes the pages,
 * `npm run check:docs` fails when the committed pages are stale. Returns the
 * exit code (0 up to date, 1 stale, 2 usage, configuration or input error, 3
 * internal error) and never throws.
 */
import { type CliIo, type Command, EXIT, optionLines, parseOptions, PROCESS_IO, reportError } from "../checker/index.js";
import { compareDocs, writeDocs } from "./compare.js";
import { generateDocs } from "./generate.js";
import { DOCS_OPTION_SPECS, DOCS_SUMMARY } from "./options.js";

/** The usage text. */
export const DOCS_USAGE = `Usage: spine-docs [--check] [--root DIR]

${DOCS_SUMMARY}

Options:
${optionLines(DOCS_OPTION_SPECS)}

Exit codes: 0 up to date (or written), 1 stale, 2 usage, configuration or
input error, 3 internal error (a bug of spine-check).
`;

/** The command line, as its messages name it. */
export const DOCS_COMMAND: Command = { name: "spine-docs", usage: DOCS_USAGE };

const EXPLAIN = { stale: "is stale", missing: "is missing", orphan: "has no contract any more" } as const;

/** Runs the docs generator with command-line arguments; returns the exit code. */
export function runDocsCli(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  try {
    return run(argv, io);
  } catch (error) {
    return reportError(DOCS_COMMAND, io, error, argv.includes("--debug"));
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const values = parseOptions(DOCS_COMMAND, io, argv, DOCS_OPTION_SPECS);
  if (typeof values === "number") return values;
  if (values.help) {
    io.stdout(DOCS_USAGE);
    return EXIT.ok;
  }
  const root = values.root ?? process.cwd();
  const pages = generateDocs({ root });
  if (!values.check) {
    const changes = writeDocs(root, pages);
    for (const change of changes) io.stdout(`${change.action} ${change.path}\n`);
    io.stdout(`docs: ${pages.size} pages, ${changes.length} changed\n`);
    return EXIT.ok;
  }
  const drift = compareDocs(root, pages);
  if (drift.length === 0) {
    io.stdout(`docs up to date: ${pages.size} pages\n`);
    return EXIT.ok;
  }
  for (const item of drift) {
    io.stderr(`${item.path} ${EXPLAIN[item.kind]}\n${item.diff === "" ? "" : `${item.diff}\n`}\n`);
  }
  io.stderr(`${drift.length} of the generated docs differ from the contracts and the code. Run \`npm run docs\` and commit the result.\n`);
  return EXIT.failed;
}
