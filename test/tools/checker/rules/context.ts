/**
 * Test helper of the rule tests: a small repository (the checker's base
 * fixture with a few files laid over it, written from strings) opened with
 * the checker's own library, and the {@link RuleContext} the ts-morph engine
 * would give its rules. Opened once per `describe` (beforeAll) and removed
 * afterwards.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ruleContext } from "../../../../tools/checker/engines/ts-morph.js";
import { type Repository, openRepository } from "../../../../tools/checker/repository/open.js";
import type { Finding, RuleContext } from "../../../../tools/checker/rules/rule.js";
import { FIXTURES } from "../fixture.js";

/** Files of a fixture: repository-relative path → content. */
export type FixtureFiles = Readonly<Record<string, string>>;

/** An opened fixture repository. */
export interface RuleFixture {
  /** The opened repository (available once the `beforeAll` of the enclosing block ran). */
  readonly repository: Repository;
  /** The context the ts-morph engine gives rules; `inScope` defaults to every file. */
  context(inScope?: (path: string) => boolean): RuleContext;
}

/** Writes `files` into `root`, creating folders. */
export function writeFiles(root: string, files: FixtureFiles): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * Registers a `beforeAll` that lays `files` over a copy of the base fixture
 * (test/fixtures/checker/base) and opens it without cache, and an `afterAll`
 * that removes it.
 */
export function ruleFixture(files: FixtureFiles): RuleFixture {
  let root: string | undefined;
  let opened: Repository | undefined;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "spine-rule-"));
    cpSync(join(FIXTURES, "base"), root, { recursive: true });
    writeFiles(root, files);
    opened = openRepository({ root, cache: false });
  });
  afterAll(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });
  const repository = (): Repository => {
    if (opened === undefined) throw new Error("the fixture is opened in beforeAll: use it inside a test");
    return opened;
  };
  return {
    get repository() {
      return repository();
    },
    context: (inScope = () => true) => ruleContext(repository(), inScope),
  };
}

/** A finding as `file:line:col target` (what a test compares first). */
export function at(finding: Pick<Finding, "file" | "line" | "column" | "target">): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.target ?? ""}`.trimEnd();
}
