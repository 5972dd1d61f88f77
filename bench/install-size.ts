/**
 * `npm run bench:install-size`: what a production install of the runtime
 * package brings into an application. Packs spine-runtime (`npm pack -w
 * spine`), or takes `--tarball FILE`, installs knex into an empty project in
 * a temporary folder, then the tarball with `npm install --omit=dev`, and
 * prints the packages and megabytes before and after, the packages the
 * tarball added, and one `RESULT` line per figure. Exits 1 when the install
 * brings any of the tooling (TypeScript, ts-morph, dependency-cruiser).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { measureProductionInstall, megabytes, TOOLING_PACKAGES } from "./install-size/measure.js";
import { formatTable, printResults } from "./lib/report.js";
import { runBenchmark } from "./lib/run.js";

const exec = promisify(execFile);
const repository = resolve(import.meta.dirname, "..");

/** Packs the runtime workspace into `dir`; returns the tarball's path. */
async function packRuntime(dir: string): Promise<string> {
  const { stdout } = await exec("npm", ["pack", "--workspace", "spine", "--pack-destination", dir, "--json", "--loglevel=error"], { cwd: repository, timeout: 300_000 });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error("npm pack wrote no tarball");
  return join(dir, packed.filename);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { tarball: { type: "string" } }, strict: true });
  const scratch = await mkdtemp(join(tmpdir(), "spine-install-size-"));
  try {
    const tarball = values.tarball === undefined ? await packRuntime(scratch) : resolve(values.tarball);
    const project = join(scratch, "app");
    await mkdir(project);
    const { base, installed, added } = await measureProductionInstall(tarball, project);
    console.log(`Production install of ${tarball.slice(tarball.lastIndexOf("/") + 1)} into a project with knex (npm install --omit=dev), Node ${process.version}\n`);
    console.log(
      formatTable(
        ["project", "packages", "MB"],
        [
          ["knex alone", String(base.packages.length), String(megabytes(base.bytes))],
          ["knex + the tarball", String(installed.packages.length), String(megabytes(installed.bytes))],
          ["added by the tarball", String(added.length), String(megabytes(installed.bytes - base.bytes))],
        ],
      ),
    );
    console.log(`\nAdded: ${added.join(", ")}\n`);
    printResults([
      { name: "knex_packages", value: base.packages.length, unit: "packages" },
      { name: "knex_size", value: megabytes(base.bytes), unit: "MB" },
      { name: "total_packages", value: installed.packages.length, unit: "packages" },
      { name: "total_size", value: megabytes(installed.bytes), unit: "MB" },
      { name: "added_packages", value: added.length, unit: "packages" },
      { name: "added_size", value: megabytes(installed.bytes - base.bytes), unit: "MB" },
    ]);
    const tooling = added.filter((entry) => TOOLING_PACKAGES.includes(entry.slice(0, entry.lastIndexOf("@"))));
    if (tooling.length > 0) console.error(`FAIL the runtime's production install brings tooling: ${tooling.join(", ")}`);
    return tooling.length > 0 ? 1 : 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

runBenchmark(main);
