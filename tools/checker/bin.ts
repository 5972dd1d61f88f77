#!/usr/bin/env node
/**
 * Entry point of the `spine-check` command.
 */
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2));
