/**
 * Generates every docs page of a repository in memory: one card per contract,
 * the index, and the generated sections of `README.md`. Deterministic:
 * sorted, no timestamps, no absolute paths.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkRepository, openRepository, RULES } from "../checker/index.js";
import { collectDocsModel } from "./collect.js";
import { withRuleTable } from "./readme.js";
import { cardPath, INDEX_PATH } from "./paths.js";
import { renderIndex } from "./render-index.js";
import { renderCard } from "./render-card.js";

/** Options of {@link generateDocs}. */
export interface GenerateDocsOptions {
  /** The repository. */
  readonly root: string;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
}

/** The README, relative to the repository root. */
export const README_PATH = "README.md";

/**
 * Returns the generated pages by repository-relative path, sorted by path.
 * @throws {CheckerConfigError} when the contracts are invalid or there is nothing to document.
 */
export function generateDocs(options: GenerateDocsOptions): ReadonlyMap<string, string> {
  const repository = openRepository(options);
  const violations = checkRepository(repository);
  const model = collectDocsModel(repository, violations);
  repository.cache.save();
  const pages = new Map<string, string>();
  for (const card of model.cards) pages.set(cardPath(card.contract.placement.file), renderCard(card));
  pages.set(INDEX_PATH, renderIndex(model));
  const readme = join(repository.root, README_PATH);
  const withTable = existsSync(readme) ? withRuleTable(readFileSync(readme, "utf8"), RULES) : undefined;
  if (withTable !== undefined) pages.set(README_PATH, withTable);
  return new Map([...pages.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
