#!/usr/bin/env node
/**
 * Entry point of the `spine-docs` command.
 */
import { runDocsCli } from "./cli.js";

process.exitCode = runDocsCli(process.argv.slice(2));
