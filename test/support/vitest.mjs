#!/usr/bin/env node
/**
 * vitest, started in a temporary folder of the run's own (`run-temp.mjs`),
 * made before vitest makes its module folder there: `npm test` and
 * `npm run test:slow` run this. Arguments are vitest's.
 */
import { openRunTemp } from "./run-temp.mjs";

openRunTemp();
// vitest's command line (its package exports no path to it).
await import("../../node_modules/vitest/vitest.mjs");
