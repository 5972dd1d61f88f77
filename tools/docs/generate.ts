/**
 * Generates every docs page of a repository in memory: one card per contract
 * and the index. Deterministic: sorted, no timestamps, no absolute paths.
 */
import { checkRepository } from "../checker/main.js";
import { openRepository } from "../checker/repository.js";
import { collectDocsModel } from "./collect.js";
import { cardPath, INDEX_PATH, renderIndex } from "./render-index.js";
import { renderCard } from "./render-card.js";

/** Options of {@link generateDocs}. */
export interface GenerateDocsOptions {
  /** The repository. */
  readonly root: string;
  /** Use `.spine-cache/` (default true). */
  readonly cache?: boolean;
}

/**
 * Returns the generated pages by repository-relative path, sorted by path.
 * @throws {CheckerConfigError} when the contracts are invalid or there is nothing to document.
 */
export function generateDocs(options: GenerateDocsOptions): ReadonlyMap<string, string> {
  const repository = openRepository(options);
  const { violations } = checkRepository(repository, { update: false });
  repository.apis.save();
  const model = collectDocsModel(repository, violations);
  const pages = new Map<string, string>();
  for (const card of model.cards) pages.set(cardPath(card.contract.placement.file), renderCard(card));
  pages.set(INDEX_PATH, renderIndex(model));
  return new Map([...pages.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
