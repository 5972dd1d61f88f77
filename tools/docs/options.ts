/**
 * The options of the `spine-docs` command line: what it parses, its usage
 * text, and what docs/cli.md shows of it.
 */
import type { OptionSpecs } from "../checker/index.js";

/** The options of `spine-docs`: what it parses, its usage text and docs/cli.md. */
export const DOCS_OPTION_SPECS = {
  check: { type: "boolean", description: "write nothing; exit 1 when a committed page is stale, missing, or left over from a removed contract" },
  root: { type: "string", value: "DIR", description: "the repository", defaultText: "the current folder" },
  debug: { type: "boolean", description: "print the stack trace of an internal error" },
  help: { type: "boolean", short: "h", description: "show this text" },
} as const satisfies OptionSpecs;

/** What `spine-docs` does, for its usage text and docs/cli.md. */
export const DOCS_SUMMARY = `Generates docs/README.md and one placement card per contract
(docs/<source path>.md) from contracts/ and the code, the rule table of
docs/checker.md (between spine-docs markers), and the configuration and
command-line references (docs/configuration.md, docs/cli.md) where the
repository has them.`;
