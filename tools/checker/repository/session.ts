/**
 * A repository kept open between the checks of the watch loop. Told which
 * files changed, it re-reads only those when each is a scanned source file
 * that is still there (`updateRepository`): the configuration, the file
 * list and every other file's facts and verdicts stay as they were. Any other
 * change (a contract, `contracts/project.yaml`, a tsconfig or manifest, a
 * file added or removed, a change the watcher could not name) opens the
 * repository again, as a new run would. The session loads the TypeScript
 * parser when it opens the repository, since the first edit needs it.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { typescript } from "../analyse/typescript.js";
import type { CheckWarning } from "../warnings.js";
import { loadConfiguration } from "./configuration.js";
import { type OpenOptions, openRepository, type Repository, updateRepository } from "./open.js";

/** Source files, whose edits the session applies without opening the repository again. */
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** One repository across checks. */
export interface RepositorySession {
  /**
   * The repository as it is now.
   * @param changed - the repository-relative paths changed since the last call, or `undefined` when not known (the first call, or a change the watcher could not name).
   * @throws {CheckerConfigError} see `openRepository`.
   */
  open(changed: ReadonlySet<string> | undefined): Repository;
}

/** Whether `path` (repository-relative) is a regular file now. */
function isFile(root: string, path: string): boolean {
  try {
    return statSync(join(root, path)).isFile();
  } catch {
    return false;
  }
}

/** Creates a {@link RepositorySession} of the repository `options` names. */
export function repositorySession(options: OpenOptions): RepositorySession {
  let current: { readonly repository: Repository; readonly configurationWarnings: readonly CheckWarning[]; readonly graphWarnings: readonly CheckWarning[] } | undefined;

  const openAfresh = (): Repository => {
    current = undefined;
    const configuration = loadConfiguration(options);
    const configurationWarnings = [...configuration.warnings];
    const repository = openRepository(options, configuration);
    // Every later edit is parsed: the parser is loaded now rather than by the first re-check (a run whose cache served every file never loaded it).
    typescript();
    current = { repository, configurationWarnings, graphWarnings: repository.warnings.slice(configurationWarnings.length) };
    return repository;
  };

  return {
    open(changed) {
      // No named change (the loop checks only after one) is read as an unknown one.
      if (current === undefined || changed === undefined || changed.size === 0) return openAfresh();
      const { repository: previous, configurationWarnings, graphWarnings } = current;
      const updatable = [...changed].every((path) => SOURCE_FILE.test(path) && previous.graph.files.has(path) && isFile(previous.root, path));
      if (!updatable) return openAfresh();
      const warnings = [...configurationWarnings, ...graphWarnings.filter((warning) => !changed.has(warning.file))];
      const repository = updateRepository(previous, changed, warnings);
      if (repository === undefined) return openAfresh();
      current = { repository, configurationWarnings, graphWarnings: warnings.slice(configurationWarnings.length) };
      return repository;
    },
  };
}
