/**
 * The spine-check package's name, version and documentation address, read
 * from its `package.json` (found from this module's location: the sources'
 * `tools/`, the installed package's folder, or, for the bundle that
 * `launch.mjs` builds under `node_modules/.cache/`, the `node_modules/spine-check`
 * link beside it). `--version` prints the version; the SARIF report names
 * the tool with both.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package's name. */
export const PACKAGE_NAME = "spine-check";

/** The tool as reports name it. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The package's homepage, else its repository as an https address; absent when it declares neither. */
  readonly informationUri?: string;
}

interface Manifest {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly homepage?: unknown;
  readonly repository?: unknown;
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** The https address of a `repository` field (`git+https://…/x.git`, `github:o/r`, `o/r`, or `{ url }`). */
export function repositoryUrl(repository: unknown): string | undefined {
  const raw = typeof repository === "string" ? repository : (repository as { url?: unknown } | null)?.url;
  if (typeof raw !== "string" || raw === "") return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand !== null) return `https://github.com/${shorthand[1] as string}`;
  return raw
    .replace(/^git\+/, "")
    .replace(/^git:\/\//, "https://")
    .replace(/^ssh:\/\/git@/, "https://")
    .replace(/^git@([^:]+):/, "https://$1/")
    .replace(/\.git$/, "");
}

/** The information of a manifest. */
export function packageInfoOf(manifest: Manifest): PackageInfo {
  const version = typeof manifest.version === "string" ? manifest.version : "0.0.0";
  const homepage = typeof manifest.homepage === "string" && manifest.homepage !== "" ? manifest.homepage : undefined;
  const informationUri = homepage ?? repositoryUrl(manifest.repository);
  return { name: PACKAGE_NAME, version, ...(informationUri === undefined ? {} : { informationUri }) };
}

let memo: PackageInfo | undefined;

/** The running spine-check's information (read once per process). */
export function packageInfo(): PackageInfo {
  if (memo !== undefined) return memo;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    for (const candidate of [join(dir, "package.json"), join(dir, "node_modules", PACKAGE_NAME, "package.json")]) {
      const manifest = readManifest(candidate);
      if (manifest?.name === PACKAGE_NAME) return (memo = packageInfoOf(manifest));
    }
    if (dirname(dir) === dir) return (memo = { name: PACKAGE_NAME, version: "0.0.0" });
  }
}
