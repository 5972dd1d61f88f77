/**
 * Fixture repositories of the ESLint plugin's tests: the checker's base
 * fixture with a case laid over it (see test/fixtures/checker/README.md),
 * copied into a temporary folder when a test module is collected (RuleTester
 * declares its tests then) and removed after the module's tests.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { FIXTURES } from "../checker/fixture.js";

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Copies the base fixture and the case `name` into a new temporary folder.
 * @param projectYaml - text appended to the copy's `contracts/project.yaml`.
 */
export function caseRepository(name: string, projectYaml = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "spine-eslint-"));
  created.push(dir);
  cpSync(join(FIXTURES, "base"), dir, { recursive: true });
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  if (projectYaml !== "") appendFileSync(join(dir, "contracts/project.yaml"), projectYaml);
  return dir;
}
