/**
 * The scenarios of files outside the scan (outside-scan.test.ts) with both
 * engines at once (`--engine all`, which starts the ts-morph engine in a
 * child process): the slow tier, `npm run test:slow`.
 */
import { describeOutsideScan } from "./outside-scan-scenarios.js";

describeOutsideScan(["all"]);
