/**
 * Generates every docs page of a repository in memory: one card per contract,
 * the index, the rule table of `docs/checker.md`, and the reference pages the
 * repository holds (`docs/configuration.md`, `docs/cli.md`). Deterministic:
 * sorted, no timestamps, no absolute paths.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkRepository, openRepository, RULES } from "../checker/index.js";
import { collectDocsModel } from "./collect.js";
import { withRuleTable } from "./readme.js";
import { cardPath, INDEX_PATH } from "./paths.js";
import { holdsReference, REFERENCE_PAGES, REFERENCE_SOURCES, type ReferenceSources } from "./references.js";
import { renderIndex } from "./render-index.js";
import { renderCard } from "./render-card.js";

/** Options of {@link generateDocs}. */
export interface GenerateDocsOptions {
  /** The repository. */
  readonly root: string;
  /** Use the checker's cache, `node_modules/.cache/spine-check/` (default true). */
  readonly cache?: boolean;
  /** What the reference pages are rendered from (default: the checker's own schemas and command specs). */
  readonly references?: ReferenceSources;
}

/** The page that holds the rule table (between markers), relative to the repository root. */
export const RULE_TABLE_PATH = "docs/checker.md";

/** The text of a repository file, or `undefined` when there is none. */
function committedText(root: string, path: string): string | undefined {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

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
  const guide = committedText(repository.root, RULE_TABLE_PATH);
  const withTable = guide === undefined ? undefined : withRuleTable(guide, RULES);
  if (withTable !== undefined) pages.set(RULE_TABLE_PATH, withTable);
  for (const reference of REFERENCE_PAGES) {
    const committed = committedText(repository.root, reference.path);
    if (committed !== undefined && holdsReference(committed, reference)) pages.set(reference.path, reference.render(options.references ?? REFERENCE_SOURCES));
  }
  return new Map([...pages.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
