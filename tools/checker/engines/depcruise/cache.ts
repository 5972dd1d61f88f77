/**
 * The dependency-cruiser engine's findings, cached in the checker's one
 * store (`node_modules/.cache/spine-check/` by default, under the namespace of this checker build and these
 * TypeScript versions) so that a check in which nothing changed does not
 * load nor run dependency-cruiser. One entry, keyed by every input that can
 * change what dependency-cruiser finds and how its findings are mapped:
 *
 * - the path and bytes of every analysed file (the scanned sources and the
 *   contracted files), and the text of every contract;
 * - the configuration built for dependency-cruiser (rules, scope, options);
 * - the resolution inputs the ts-morph engine keys its resolutions by
 *   (`contracts/project.yaml`, the tsconfig chain, lockfiles, install
 *   records, package manifests, workspace links: see `analyse/environment.ts`);
 * - the installed dependency-cruiser: its version, the version of the
 *   TypeScript it parses with, and the install record of the `node_modules`
 *   it lives in.
 *
 * The entry also holds what resolving the cruise's dependencies looked at
 * outside the scan (`cache/disk-facts.ts`: the folders where each specifier
 * was looked for, the manifests read, the links followed), recorded by the
 * resolver the ts-morph engine uses (the same TypeScript resolution, the
 * same `paths` and workspace aliases; a folder's names are recorded by stem,
 * so a file with an extension only dependency-cruiser tries changes them
 * too). It is served only while those facts hold.
 *
 * dependency-cruiser's own `cache` option is not used: it keys its result by
 * the files it cruised and its options, not by the checker's build, the
 * contracts' text or the workspace links.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type DiskFacts, diskFactsHold } from "../../cache/disk-facts.js";
import { hashOf } from "../../cache/hash.js";
import { readRegularBytes } from "../../files/read.js";
import { NO_CACHE } from "../../cache/store.js";
import { type Configuration, resolutionInputsOf } from "../../repository/configuration.js";
import type { Violation } from "../../result.js";
import type { CheckWarning } from "../../warnings.js";
import type { DepcruiseConfiguration } from "./config.js";
import { depcruiseManifest } from "./package.js";

/** What the cache keeps of a cruise: its violations and the warnings it added. */
export interface CruiseFindings {
  readonly violations: readonly Violation[];
  readonly warnings: readonly CheckWarning[];
}

/** A cruise done: its findings, and what resolving its dependencies looks at outside the scan (asked only to store them). */
export interface Cruise {
  readonly findings: CruiseFindings;
  lookedAt(): DiskFacts;
}

/** A cache entry: the findings and what their resolutions looked at. */
interface CachedCruise extends CruiseFindings {
  readonly lookedAt: DiskFacts;
}

/** The cache section, and the id of its one entry. */
const SECTION = "depcruise";
const ENTRY = "findings";

/** The largest file hashed whole; a larger one is hashed by what the read says (its size). */
const MAX_HASHED_BYTES = 1024 * 1024 * 1024;

/** The installed dependency-cruiser, as the key sees it (read without loading it). */
function installedDepcruise(): string[] {
  const manifest = depcruiseManifest();
  if (manifest === undefined) return ["\u0000missing"];
  const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version ?? "";
  let typescript = "none";
  try {
    typescript = (JSON.parse(readFileSync(createRequire(manifest).resolve("typescript/package.json"), "utf8")) as { version?: string }).version ?? "";
  } catch {
    // dependency-cruiser then parses no TypeScript: part of the key as such.
  }
  const record = readRegularBytes(join(dirname(dirname(manifest)), ".package-lock.json"), MAX_HASHED_BYTES, "the limit of a hashed file");
  return [version, typescript, record.kind === "bytes" ? record.content.toString("latin1") : `\u0000${record.kind}`];
}

/** The key of the findings of dependency-cruiser on `configuration` with `depcruise`. */
export function depcruiseKey(configuration: Configuration, depcruise: DepcruiseConfiguration): string {
  const { root, contracts, files } = configuration;
  const parts: (string | Uint8Array)[] = [
    ...installedDepcruise(),
    resolutionInputsOf(configuration),
    JSON.stringify(depcruise.config),
    JSON.stringify(depcruise.aliases),
  ];
  for (const contract of contracts) parts.push(contract.contractFile, contract.text);
  for (const file of files) {
    const read = readRegularBytes(join(root, file), MAX_HASHED_BYTES, "the limit of a hashed file");
    parts.push(file, read.kind === "bytes" ? read.content : `\u0000${read.kind}\u0000${read.kind === "skipped" ? read.why : ""}`);
  }
  return hashOf(...parts);
}

/**
 * The findings of dependency-cruiser on `configuration`: from the cache when
 * an entry has the same key and what its resolutions looked at outside the
 * scan is unchanged, else computed by `cruise` and stored. The warnings a
 * cached cruise added are added to the configuration's warnings again.
 */
export async function cachedFindings(configuration: Configuration, depcruise: DepcruiseConfiguration, cruise: () => Promise<Cruise>): Promise<CruiseFindings> {
  if (configuration.cache === NO_CACHE) return (await cruise()).findings;
  const section = configuration.cache.section<CachedCruise>(SECTION, { untouched: "drop" });
  const key = depcruiseKey(configuration, depcruise);
  const cached = section.get(ENTRY, key);
  if (cached !== undefined) {
    const check = diskFactsHold(configuration.root, cached.lookedAt);
    if (check.holds) {
      if (check.refreshed) section.set(ENTRY, key, cached);
      configuration.warnings.push(...cached.warnings);
      return { violations: cached.violations, warnings: cached.warnings };
    }
  }
  const done = await cruise();
  section.set(ENTRY, key, { ...done.findings, lookedAt: done.lookedAt() });
  return done.findings;
}
