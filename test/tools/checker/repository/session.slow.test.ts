/**
 * The watch loop's matrix (session.test.ts) on every fixture case the fast
 * tier leaves out: the slow tier, `npm run test:slow`.
 */
import { CASES, describeSessionMatrix, FAST_CASES } from "./session-matrix.js";

describeSessionMatrix(CASES.filter((name) => !FAST_CASES.includes(name)));
