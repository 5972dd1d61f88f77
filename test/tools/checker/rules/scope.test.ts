/**
 * A rule can report one file's violations without the others' (what an
 * editor integration needs): checking with a scope of one file gives exactly
 * that file's violations of the whole run.
 */
import { describe, expect, it } from "vitest";
import { checkRepository } from "../../../../tools/checker/engines/ts-morph.js";
import { openRepository } from "../../../../tools/checker/repository/open.js";
import { fixtureRepo, located } from "../fixture.js";

describe("rules checked for one file", () => {
  it.each(["reexport-star-barrel", "inbound-import", "transaction-member-call", "export-drift-extra", "import-drift", "coverage-uncontracted", "circular-and-unresolvable", "unanalysable-import"])(
    "%s: the violations of each file alone are the whole run's violations of that file",
    (name) => {
      const repository = openRepository({ root: fixtureRepo(name), cache: false });
      const whole = checkRepository(repository).map(located).sort();
      expect(whole.length).toBeGreaterThan(0);
      const files = [...new Set([...repository.files, ...repository.contracts.map((c) => c.contractFile)])];
      const perFile = files.flatMap((file) => checkRepository(repository, (path) => path === file).filter((v) => v.file === file).map(located));
      expect(perFile.sort()).toEqual(whole);
      for (const file of files) {
        const scoped = checkRepository(repository, (path) => path === file);
        expect(scoped.every((v) => v.file === file)).toBe(true);
      }
    },
  );
});
