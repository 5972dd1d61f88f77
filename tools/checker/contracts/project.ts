/**
 * Loads `contracts/project.yaml` with its defaults, and checks that the
 * tsconfig it names exists and is a file (a missing one would silently drop
 * every alias).
 */
import { join } from "node:path";
import { type CacheStore, NO_CACHE } from "../cache/store.js";
import { CheckerConfigError } from "../errors.js";
import { entryKind, readInputFile } from "../files/read.js";
import { DEFAULT_LIMITS, type Limits, PROJECT_FILE_BYTES } from "../limits.js";
import { PROJECT_DEFAULTS } from "./defaults.js";
import { PROJECT_FILE } from "./paths.js";
import type { LayerRule, ProjectData } from "./types.js";
import { type CachedYaml, loadYamlFile } from "./yaml-file.js";
import type { PositionOf } from "./yaml.js";

export { PROJECT_DEFAULTS } from "./defaults.js";

/** A layer rule as the file may write it: `except`, `forbidden` and `allow` may be left out. */
type RawLayerRule = Omit<LayerRule, "except" | "forbidden" | "allow"> & Partial<Pick<LayerRule, "except" | "forbidden" | "allow">>;

/** `contracts/project.yaml` as written: any key may be left out, `limits` key by key, a layer rule's optional lists too. */
type ProjectFile = Partial<Omit<ProjectData, "limits" | "layers">> & {
  readonly limits?: Partial<Limits>;
  readonly layers?: readonly RawLayerRule[];
};

/** A layer rule with its optional lists defaulted to empty. */
function layerWithDefaults(raw: RawLayerRule): LayerRule {
  return { ...raw, except: raw.except ?? [], forbidden: raw.forbidden ?? [], allow: raw.allow ?? [] };
}

/** The project file as loaded, with defaults applied. */
export interface LoadedProject {
  readonly data: ProjectData;
  /** The raw text ("" when the file does not exist). */
  readonly text: string;
  /** Positions in the file (1:1 when it does not exist). */
  readonly positionOf: PositionOf;
}

/** The project's settings: the file's keys over the defaults. */
function withDefaults(raw: ProjectFile): ProjectData {
  return {
    limits: { ...DEFAULT_LIMITS, ...raw.limits },
    tsconfig: raw.tsconfig ?? PROJECT_DEFAULTS.tsconfig,
    scan: {
      include: raw.scan?.include ?? PROJECT_DEFAULTS.scan.include,
      exclude: raw.scan?.exclude ?? PROJECT_DEFAULTS.scan.exclude,
    },
    type_imports: raw.type_imports ?? PROJECT_DEFAULTS.type_imports,
    coverage: raw.coverage ?? PROJECT_DEFAULTS.coverage,
    layers: raw.layers?.map(layerWithDefaults) ?? PROJECT_DEFAULTS.layers,
    rules: raw.rules ?? PROJECT_DEFAULTS.rules,
    ...(raw.baseline === undefined ? {} : { baseline: raw.baseline }),
  };
}

/**
 * Loads `contracts/project.yaml`, or the defaults when it does not exist.
 * @param cache - remembers the validated file by the hash of its text.
 * @throws {CheckerConfigError} for an invalid file, or a `tsconfig` it names that does not exist.
 */
export function loadProject(root: string, cache: CacheStore = NO_CACHE): LoadedProject {
  const text = readInputFile(PROJECT_FILE, join(root, PROJECT_FILE), PROJECT_FILE_BYTES, `the limit of ${PROJECT_FILE}`);
  if (text === undefined) return { data: PROJECT_DEFAULTS, text: "", positionOf: () => ({ line: 1, column: 1 }) };
  const section = cache.section<CachedYaml<ProjectFile>>("project", { untouched: "drop" });
  const loaded = loadYamlFile<ProjectFile>(PROJECT_FILE, text, "project", section, (data) => [
    ["tsconfig"],
    ["baseline"],
    ...Object.keys(data.rules ?? {}).map((id) => ["rules", id]),
  ]);
  const emptyLayers = (loaded.data.layers ?? []).flatMap((layer, index) =>
    layer.forbidden === undefined && layer.only === undefined
      ? [{ file: PROJECT_FILE, ...loaded.positionOf(["layers", index]), reason: `layers.${index} ("${layer.name}") needs forbidden or only: it forbids nothing` }]
      : [],
  );
  if (emptyLayers.length > 0) throw new CheckerConfigError(emptyLayers);
  const tsconfig = loaded.data.tsconfig;
  if (tsconfig !== undefined) {
    const kind = entryKind(join(root, tsconfig));
    if (kind !== "file") {
      const why = kind === "missing" ? "does not exist" : `is ${kind}, not a file`;
      throw new CheckerConfigError([
        { file: PROJECT_FILE, ...loaded.positionOf(["tsconfig"]), reason: `tsconfig ${JSON.stringify(tsconfig)} ${why} (the path is relative to the repository root)` },
      ]);
    }
  }
  return { data: withDefaults(loaded.data), text: loaded.text, positionOf: loaded.positionOf };
}
