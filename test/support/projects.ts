/**
 * Which test files go to which vitest project (see vitest.config.ts), in one
 * place that the configuration and the test of these lists both read.
 */

/** The suites that need the test run's PostgreSQL server. */
export const DATABASE = ["test/spine/**/*.test.ts", "test/dev/**/*.test.ts", "test/bench/driver.test.ts"];

/** The slow tier: exhaustive matrices, live servers, package installs (`npm run test:slow`). */
export const SLOW = "test/**/*.slow.test.ts";

/**
 * The files that replace a module with `vi.mock`: a module they replace must
 * not be shared with the other files of a worker, so they run isolated.
 */
export const MOCKS = ["test/tools/checker/guards.test.ts", "test/tools/checker/repository/configuration.test.ts"];

/** Never test files: the fixtures' own suites and installed packages. */
export const EXCLUDE = ["test/fixtures/**", "node_modules/**"];
