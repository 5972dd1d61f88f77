/**
 * The commands of `spine-check`, listed once: the usage text and the
 * dispatch in `cli.ts` derive from this list. The first is the default.
 */
import { checkCommand } from "./check.js";
import type { CommandSpec } from "./command.js";
import { contractCommand } from "./contract.js";
import { initCommand } from "./init.js";

/** Every command, the default (`check`) first. */
export const COMMANDS: readonly CommandSpec[] = [checkCommand, initCommand, contractCommand];
