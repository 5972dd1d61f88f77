/**
 * The cache cannot change a result (slow tier, `npm run test:slow`): the
 * runs of the warm-equals-cold matrix with dependency-cruiser's engine and
 * with both (`--engine all`) that cache.test.ts leaves out.
 */
import { describeWarmMatrix, slowRuns } from "./warm-matrix.js";

describeWarmMatrix(slowRuns(["depcruise", "all"]));
