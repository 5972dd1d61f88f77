#!/usr/bin/env node
/**
 * vitest, started in a temporary folder of the run's own (`run-temp.mjs`),
 * made before vitest makes its module folder there: `npm test` and
 * `npm run test:slow` run this. Arguments are vitest's.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { openRunTemp } from "./run-temp.mjs";

openRunTemp();
const vitestPackage = createRequire(import.meta.url).resolve("vitest/package.json");
await import(pathToFileURL(join(dirname(vitestPackage), "vitest.mjs")).href);
