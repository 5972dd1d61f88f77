/**
 * Four projects:
 * - `unit`: every test that needs no database (the checker, the docs, the
 *   ESLint plugin, the bench library), in-process where it can be; its files
 *   share each worker's modules (`isolate: false`), so that TypeScript,
 *   ts-morph and dependency-cruiser load once per worker, not once per file;
 * - `mocks`: the few files that replace a module with `vi.mock`, each with
 *   modules of its own;
 * - `database`: the suites that run on PostgreSQL; only this project starts
 *   the test run's server (`test/support/global-setup.ts`), so a run of
 *   checker tests alone starts none;
 * - `slow`: `*.slow.test.ts`, the exhaustive matrices and the tests that
 *   spawn many processes or install packages (`npm run test:slow`, run by CI).
 * `npm test` runs `unit`, `mocks` and `database`. Every run works in a temporary
 * folder of its own, deleted when it ends (`test/support/run-temp.mjs`).
 */
import { defineConfig } from "vitest/config";
import { DATABASE, EXCLUDE, MOCKS, SLOW } from "./test/support/projects.js";
import { openRunTemp } from "./test/support/run-temp.mjs";

openRunTemp();

const GLOBAL_SETUP = ["test/support/global-setup.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each database test file works in its own scratch database; two workers suit 2 cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...EXCLUDE, ...DATABASE, ...MOCKS, SLOW], isolate: false } },
      { extends: true, test: { name: "mocks", include: MOCKS, exclude: EXCLUDE } },
      { extends: true, test: { name: "database", include: DATABASE, exclude: [...EXCLUDE, SLOW], globalSetup: GLOBAL_SETUP } },
      { extends: true, test: { name: "slow", include: [SLOW], exclude: EXCLUDE, globalSetup: GLOBAL_SETUP } },
    ],
  },
});
