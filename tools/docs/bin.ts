#!/usr/bin/env node
/**
 * Entry point of the `spine-docs` command.
 */
import { runBin } from "../checker/index.js";
import { DOCS_COMMAND, runDocsCli } from "./cli.js";

await runBin(DOCS_COMMAND, runDocsCli);
