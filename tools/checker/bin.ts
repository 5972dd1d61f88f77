#!/usr/bin/env node
/**
 * Entry point of the `spine-check` command.
 */
import { runBin } from "./cli-kit.js";
import { COMMAND, runCli } from "./cli.js";

await runBin(COMMAND, runCli);
