/**
 * Checks one file at a time, the way an editor or ESLint asks: the
 * repository is opened once (through the cache) and kept; a file whose text
 * differs from the opened repository's is seen through an overlay of its
 * text (`repository/overlay.ts`), so that unsaved edits are checked; the
 * file-level rules run on that file only (`engines/ts-morph.ts`), then the
 * policy stage applies the project's severities and the file's inline
 * suppressions (`policy/apply.ts`). The repository is opened again when a
 * contract, `contracts/project.yaml` or the tsconfig chain changes
 * (`configuration-changes.ts`), and when the checked file was saved since it
 * was opened.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { hashOf } from "../cache/hash.js";
import { matcher } from "../contracts/glob.js";
import { loadProject } from "../contracts/project.js";
import type { SeveritySetting } from "../contracts/types.js";
import { checkRepository } from "../engines/ts-morph.js";
import { applyPolicy } from "../policy/apply.js";
import { readSeverities, type Severities } from "../policy/severities.js";
import { openRepository, type Repository } from "../repository/open.js";
import { relativePosix } from "../files/posix.js";
import { withFileText } from "../repository/overlay.js";
import { type ConfigurationChanges, watchConfiguration } from "./configuration-changes.js";
import type { ReportedViolation, RuleId } from "../result.js";
import { judgeDependencies } from "../verdicts/judge.js";

/** The rules that are checked file by file: each finding of theirs is in the file it is about. */
export const FILE_RULES = ["inbound-boundary", "layer-boundary", "unanalysable-import", "reexport-laundering", "transaction-forbidden"] as const satisfies readonly RuleId[];

/** The id of a rule of {@link FILE_RULES}. */
export type FileRuleId = (typeof FILE_RULES)[number];

const FILE_RULE_IDS: ReadonlySet<RuleId> = new Set(FILE_RULES);

/** Options of {@link fileChecker}. */
export interface FileCheckerOptions {
  /** The repository (the folder that holds `contracts/`). */
  readonly root: string;
  /** Use the cache (default true). */
  readonly cache?: boolean;
  /** The cache's folder (default: `node_modules/.cache/spine-check/` of the repository). */
  readonly cacheDir?: string;
}

/** Checks single files of one repository. */
export interface FileChecker {
  /** Absolute path of the repository. */
  readonly root: string;
  /**
   * The violations of the file rules in the file at `path` (absolute, or
   * relative to the root) whose text is `text`, after severities and inline
   * suppressions (suppressed ones are left out), sorted by line and column.
   * Empty for a file outside the repository or outside its scan.
   * @throws {CheckerConfigError} when the repository's configuration is unusable (see `openRepository`).
   */
  check(path: string, text: string): readonly ReportedViolation[];
}

/** The opened repository and what was derived from it once. */
interface Opened {
  /** The repository, with verdicts judged for the file rules only. */
  readonly repository: Repository;
  readonly severities: Severities;
  /** Tells when the configuration files change. */
  readonly changes: ConfigurationChanges;
  /** True for a repository-relative path the check analyses. */
  readonly scanned: (path: string) => boolean;
}

/** The project's severities, with every rule that is not a file rule off. */
function fileRuleSeverities(project: Severities): Severities {
  const of = (rule: RuleId): SeveritySetting => (FILE_RULE_IDS.has(rule) ? project.of(rule) : "off");
  return { of, enabled: (rule) => of(rule) !== "off" };
}

/**
 * The severity `contracts/project.yaml` of the repository at `root` gives
 * each file rule (read without opening the repository: for configuring a
 * linter).
 * @throws {CheckerConfigError} for an invalid project file.
 */
export function fileRuleSeverity(root: string): (rule: FileRuleId) => SeveritySetting {
  const severities = readSeverities(loadProject(resolve(root)));
  return (rule) => severities.of(rule);
}

/** The tsconfig files a repository was opened with (absolute paths). */
function tsconfigFilesOf(repository: Repository): string[] {
  return repository.tsconfig.files.map((file) => file.path);
}

/** Creates a {@link FileChecker}; the repository is opened on the first check. */
export function fileChecker(options: FileCheckerOptions): FileChecker {
  const root = resolve(options.root);
  let opened: Opened | undefined;

  /** Opens the repository; a failed opening leaves nothing behind, so the next check tries again. */
  const open = (): Opened => {
    // Watched from before the opening, so that a change while it reads the contracts opens it again.
    const contractsChanges = watchConfiguration(root, []);
    let base: Repository;
    try {
      base = openRepository({ root, ...(options.cache === undefined ? {} : { cache: options.cache }), ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }) });
    } catch (error) {
      contractsChanges.close();
      throw error;
    }
    base.cache.save();
    const severities = fileRuleSeverities(base.severities);
    const verdicts = judgeDependencies({ project: base.project.data, contracts: base.contracts, graph: base.graph, enabled: severities.enabled });
    const include = matcher(base.project.data.scan.include);
    const exclude = matcher(base.project.data.scan.exclude);
    const scanned = (path: string): boolean => base.graph.files.has(path) || (include(path) && !exclude(path));
    const tsconfigChanges = watchConfiguration(root, tsconfigFilesOf(base), false);
    const changes: ConfigurationChanges = {
      changed: () => [contractsChanges.changed(), tsconfigChanges.changed()].some(Boolean),
      close: () => [contractsChanges, tsconfigChanges].forEach((watcher) => watcher.close()),
    };
    return { repository: { ...base, verdicts }, severities, changes, scanned };
  };

  /** Forgets the opened repository and opens it again. */
  const reopen = (): Opened => {
    opened?.changes.close();
    opened = undefined;
    opened = open();
    return opened;
  };

  const current = (): Opened => (opened === undefined || opened.changes.changed() ? reopen() : opened);

  const diskHash = (path: string): string | undefined => {
    try {
      return hashOf(readFileSync(join(root, path), "utf8"));
    } catch {
      return undefined;
    }
  };

  return {
    root,
    check(path, text) {
      const relativePath = relativePosix(root, isAbsolute(path) ? path : join(root, path));
      if (relativePath === "" || relativePath.startsWith("../") || isAbsolute(relativePath)) return [];
      let state = current();
      if (!state.scanned(relativePath)) return [];
      const hash = hashOf(text);
      let repository = state.repository;
      if (repository.graph.files.get(relativePath)?.hash !== hash) {
        if (diskHash(relativePath) === hash) {
          // Saved (or created) since the repository was opened: what other files see of it changed too.
          state = reopen();
          repository = state.repository;
        }
        if (repository.graph.files.get(relativePath)?.hash !== hash) repository = withFileText(repository, relativePath, text, state.severities.enabled);
      }
      const violations = checkRepository(repository, (file) => file === relativePath, state.severities);
      const comments = repository.graph.files.get(relativePath)?.suppressions ?? [];
      const outcome = applyPolicy({
        violations,
        suppressions: comments.length > 0 ? [{ file: relativePath, comments }] : [],
        severities: state.severities,
        engines: ["ts-morph"],
      });
      return outcome.violations.filter((violation) => violation.suppressed === undefined);
    },
  };
}
