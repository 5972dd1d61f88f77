/**
 * Adopting spine-check in a repository, step by step, as a new user does it
 * (issue 12): discovery, `init`, a layers-only project, workspace packages
 * resolved to their sources (a deep import caught at its line by both
 * engines), the baseline, `contract FILE`, severities, inline
 * suppressions, `--quiet` and `--version`. Every step asserts the exit code
 * and the exact output (the temporary root is written `<root>`, timings `N ms`).
 * One test per behaviour: the steps of a walkthrough share one repository
 * (copied in `beforeAll`) and run in order, each on the state the previous
 * ones left, so a failure names the step that broke.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../../tools/checker/cli.js";
import { checkAllEngines, FIXTURES, fixtureRepo, withEngines } from "../fixture.js";

/** Runs the command line in `cwd`; returns the exit code and both outputs with the root and timings normalised. */
async function run(argv: readonly string[], cwd: string, root = cwd): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd });
  const clean = (text: string): string => text.split(root).join("<root>").replace(/\d+ ms/g, "N ms");
  return { code, stdout: clean(stdout), stderr: clean(stderr) };
}

/** Replaces `from` by `to` in the repository's file `path`. */
function edit(root: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(root, path), "utf8");
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`);
  writeFileSync(join(root, path), text.replace(from, to));
}

/** The layer rule the walkthrough adds: only core reads its internals. */
const LAYER = `layers:
  - name: core-internals-stay-inside
    from: ["packages/**"]
    except: ["packages/core/**"]
    forbidden: ["packages/core/src/internal/**"]
    reason: Use @org/core's entry point; its internal folder may change at any time.`;

/** The deep import the walkthrough plants. */
const DEEP_IMPORT = `import { round } from "@org/core/src/internal/round";\n`;

/**
 * Registers a `beforeAll` that copies the adopt-workspace fixture into a
 * temporary folder (and runs `init` there when asked) and an `afterAll` that
 * removes it; returns the folder's path (set once `beforeAll` ran).
 */
function sharedWorkspace(options: { readonly init?: boolean } = {}): { readonly root: string } {
  let root: string | undefined;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "spine-adopt-"));
    cpSync(join(FIXTURES, "adopt-workspace"), root, { recursive: true });
    if (options.init === true) expect((await run(["init"], root)).code).toBe(0);
  });
  afterAll(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });
  return {
    get root(): string {
      if (root === undefined) throw new Error("the workspace is copied in beforeAll: use it inside a test");
      return root;
    },
  };
}

describe("adopting spine-check in a workspace repository", () => {
  describe("discovery, init, layers only, a deep import, the baseline (one repository, step by step)", () => {
    const workspace = sharedWorkspace();

    it("without contracts/project.yaml, a run from a package folder fails and names every folder it looked in", async () => {
      const root = workspace.root;
      const app = join(root, "packages/app");
      // No contracts/project.yaml anywhere above: say where we looked.
      const missing = await run(["--no-cache"], app, root);
      expect(missing.code).toBe(2);
      expect(missing.stderr.split("\n")[1]).toMatch(/^no contracts\/project\.yaml in <root>\/packages\/app, <root>\/packages, <root>, .*\/\. Run `spine-check init` in the repository to write one, or pass --root\.$/);
    });

    it("init writes contracts/project.yaml from the tsconfig and the workspace packages, and says what to do next", async () => {
      const root = workspace.root;
      const init = await run(["init"], root);
      expect(init).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "spine-check init: <root>
          tsconfig: tsconfig.json (at the root, 0 extended or referenced tsconfigs followed, no paths aliases)
          workspace packages: 2: @org/app (packages/app -> packages/app/src/main.ts), @org/core (packages/core -> packages/core/src/index.ts)
          scan: 5 files, the files tsconfig.json compiles
            include: packages/*/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}
            exclude: **/node_modules/**, **/*.d.ts
        wrote contracts/project.yaml

        Next:
          1. add your layer rules to contracts/project.yaml (an example is in it), and/or
             contract a module: npx spine-check contract src/some/module.ts
          2. accept today's violations as known: npx spine-check --update-baseline
             (new violations still fail; commit contracts/)
        ",
        }
      `);
      expect(readFileSync(join(root, "contracts/project.yaml"), "utf8")).toContain(
        'tsconfig: tsconfig.json\n\n# The files checked (init took them from the tsconfigs: widen include to check more).\nscan:\n  include:\n    - packages/*/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}\n  exclude:\n    - "**/node_modules/**"\n    - "**/*.d.ts"\n',
      );
    });

    it("init never overwrites contracts/project.yaml", async () => {
      const root = workspace.root;
      // init never overwrites.
      expect(await run(["init"], root)).toMatchInlineSnapshot(`
        {
          "code": 2,
          "stderr": "spine-check init: configuration error
        contracts/project.yaml already exists in <root>; init never overwrites it (edit it, or delete it and run init again).
        ",
          "stdout": "",
        }
      `);
    });

    it("with neither a layer rule nor a contract, the run refuses to pass", async () => {
      const root = workspace.root;
      const app = join(root, "packages/app");
      // Neither a layer rule nor a contract: nothing to check.
      expect(await run(["--no-cache"], app, root)).toMatchInlineSnapshot(`
        {
          "code": 2,
          "stderr": "spine-check: configuration error
        refusing to pass: nothing to check: contracts/project.yaml has no layer rule and contracts/ has no contract. Add a layer rule to contracts/project.yaml, or write a module's contract with \`spine-check contract FILE\`.
        ",
          "stdout": "",
        }
      `);
    });

    it("a project with layer rules only is valid, checked, and found from a subfolder", async () => {
      const root = workspace.root;
      const app = join(root, "packages/app");
      // Layers only: valid, checked, found from a subfolder.
      edit(root, "contracts/project.yaml", "layers: []", LAYER);
      expect(await run(["--no-cache"], app, root)).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "boundaries ok: 5 files, 0 contracts, N ms (ts-morph)
        ",
        }
      `);
    });

    it("a deep import across packages resolves to the package's source and is caught at its line by both engines", async () => {
      const root = workspace.root;
      // A deep import across packages resolves to the package's source: caught at its line by both engines.
      edit(root, "packages/app/src/report.ts", 'import { main } from "./main.js";\n', `import { main } from "./main.js";\n${DEEP_IMPORT}`);
      edit(root, "packages/app/src/report.ts", "String(main())", "String(round(main()))");
      const deep = await checkAllEngines(root);
      expect(deep.violations.map(withEngines)).toEqual(["layer-boundary packages/app/src/report.ts:2:1 [ts-morph, depcruise]"]);
      expect(deep.violations[0]?.target).toBe("packages/core/src/internal/round.ts");
    });

    it("--update-baseline accepts the violation by rule, file and target and writes contracts/baseline.yaml; the run passes", async () => {
      const root = workspace.root;
      // The baseline accepts it (by rule, file and target), and the run passes.
      expect(await run(["--no-cache", "--update-baseline"], root)).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "packages/app/src/report.ts:2:1  known  layer-boundary  layer rule "core-internals-stay-inside": packages/app/src/report.ts may not depend on packages/core/src/internal/round.ts

        wrote contracts/baseline.yaml: 1 known violation
        boundaries ok, 1 known (contracts/baseline.yaml): 5 files, 0 contracts, N ms (ts-morph)
        ",
        }
      `);
      expect(readFileSync(join(root, "contracts/baseline.yaml"), "utf8")).toMatchInlineSnapshot(`
        "# Known violations of spine-check, written by \`spine-check --update-baseline\`.
        # A violation listed here (by rule, file and target) is reported as known and does not
        # fail the check; a new one does. Review changes to this file like code: fixing a
        # violation removes its entry, accepting one adds it.
        version: 1
        violations:
          - rule: layer-boundary
            file: packages/app/src/report.ts
            target: packages/core/src/internal/round.ts
        "
      `);
    });

    it("the baseline still knows the violation after the import moves elsewhere in the file", async () => {
      const root = workspace.root;
      // Moving the import elsewhere in the file does not break the baseline.
      edit(root, "packages/app/src/report.ts", DEEP_IMPORT, "");
      edit(root, "packages/app/src/report.ts", "/** A report", `${DEEP_IMPORT}\n/** A report`);
      expect(await run(["--no-cache"], root)).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "packages/app/src/report.ts:3:1  known  layer-boundary  layer rule "core-internals-stay-inside": packages/app/src/report.ts may not depend on packages/core/src/internal/round.ts

        boundaries ok, 1 known (contracts/baseline.yaml): 5 files, 0 contracts, N ms (ts-morph)
        ",
        }
      `);
    });

    it("a new violation still fails, and --quiet shows only it", async () => {
      const root = workspace.root;
      // A new violation still fails; --quiet shows only it.
      edit(root, "packages/app/src/main.ts", 'import { total } from "@org/core";\n', `import { total } from "@org/core";\n${DEEP_IMPORT}`);
      expect(await run(["--no-cache", "--quiet"], root)).toMatchInlineSnapshot(`
        {
          "code": 1,
          "stderr": "",
          "stdout": "packages/app/src/main.ts:2:1  error  layer-boundary  layer rule "core-internals-stay-inside": packages/app/src/main.ts may not depend on packages/core/src/internal/round.ts
            contract: contracts/project.yaml
            fix: Use @org/core's entry point; its internal folder may change at any time.
        ",
        }
      `);
    });

    it("once fixed everywhere, the baseline's entry is reported stale and the run passes", async () => {
      const root = workspace.root;
      // Fixed everywhere: the baseline's entry is stale and reported, the run passes.
      edit(root, "packages/app/src/main.ts", DEEP_IMPORT, "");
      edit(root, "packages/app/src/report.ts", DEEP_IMPORT, "");
      edit(root, "packages/app/src/report.ts", "String(round(main()))", "String(main())");
      expect(await run(["--no-cache"], root)).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "contracts/baseline.yaml: stale entry: layer-boundary packages/app/src/report.ts -> packages/core/src/internal/round.ts no longer occurs; remove it (or run --update-baseline)

        boundaries ok: 5 files, 0 contracts, N ms (ts-morph)
        ",
        }
      `);
    });
  });

  describe("contract FILE (one repository after init, step by step)", () => {
    const workspace = sharedWorkspace({ init: true });

    it("contract FILE writes a contract from the code, allowing the folders that depend on the file today", async () => {
      const root = workspace.root;
      const written = await run(["contract", "packages/core/src/total.ts", "--no-cache"], root);
      expect(written).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "wrote contracts/packages/core/src/total.contract.yaml
          exports: 1; actual_imports: 1 internal, 0 external
          allowed_inbound: packages/app/src/**, packages/core/src/**
            (2 files depend on it today)
        Next: narrow allowed_inbound to the layers that should depend on it, then run npx spine-check.
        ",
        }
      `);
      expect(readFileSync(join(root, "contracts/packages/core/src/total.contract.yaml"), "utf8")).toMatchInlineSnapshot(`
        "# Contract of packages/core/src/total.ts, written by \`spine-check contract\`.
        # exports and actual_imports come from the code (\`spine-check --update\` rewrites them);
        # allowed_inbound lists the folders that depend on it today (2 files):
        # narrow it to the layers that should. placement, transaction and pairing may be added (see the README).
        placement:
          file: packages/core/src/total.ts
          purpose: "Not described yet: say what this module is for."
        exports:
          functions:
            - name: total
              signature: "total(amounts: readonly number[]): number"
              consumers: []
          classes: []
          types: []
          protocols: []
          constants: []
        boundary:
          allowed_inbound:
            - packages/app/src/**
            - packages/core/src/**
        actual_imports:
          internal:
            - packages/core/src/internal/round.ts
          external: []
        "
      `);
    });

    it("the next run passes with the written contract", async () => {
      const root = workspace.root;
      expect(await run(["--no-cache"], root)).toMatchInlineSnapshot(`
        {
          "code": 0,
          "stderr": "",
          "stdout": "boundaries ok: 5 files, 1 contracts, N ms (ts-morph)
        ",
        }
      `);
    });

    it("contract FILE never overwrites a contract", async () => {
      const root = workspace.root;
      expect(await run(["contract", "packages/core/src/total.ts", "--no-cache"], root)).toMatchInlineSnapshot(`
        {
          "code": 2,
          "stderr": "spine-check contract: configuration error
        packages/core/src/total.ts already has a contract: contracts/packages/core/src/total.contract.yaml
        ",
          "stdout": "",
        }
      `);
    });

    it("contract FILE refuses a file that does not exist", async () => {
      const root = workspace.root;
      expect(await run(["contract", "packages/core/src/nothing.ts", "--no-cache"], root)).toMatchInlineSnapshot(`
        {
          "code": 2,
          "stderr": "spine-check contract: configuration error
        packages/core/src/nothing.ts: no such file in <root>
        ",
          "stdout": "",
        }
      `);
    });

    it("narrowed as its header says, the boundary holds: the application reaching the file through core's barrel fails", async () => {
      const root = workspace.root;
      // Narrowed as the header says, the boundary holds: the application reaches total.ts through core's barrel.
      edit(root, "contracts/packages/core/src/total.contract.yaml", "    - packages/app/src/**\n", "");
      expect(await run(["--no-cache", "--quiet"], root)).toMatchInlineSnapshot(`
        {
          "code": 1,
          "stderr": "",
          "stdout": "packages/app/src/main.ts:1:1  error  reexport-laundering  packages/app/src/main.ts reaches packages/core/src/total.ts through re-exports ("total"): packages/app/src/main.ts -> packages/core/src/index.ts -> packages/core/src/total.ts
            contract: contracts/packages/core/src/total.contract.yaml
            fix: Do not use packages/core/src/total.ts from here; go through an allowed layer (packages/core/src/**).
        ",
        }
      `);
    });
  });

  it("coverage names the file without a contract, even with no contract at all", async () => {
    const root = fixtureRepo("adopt-workspace", { standalone: true });
    expect((await run(["init"], root)).code).toBe(0);
    edit(root, "contracts/project.yaml", "coverage: []", 'coverage: ["packages/core/src/total.ts"]');
    expect(await run(["--no-cache"], root)).toMatchInlineSnapshot(`
      {
        "code": 2,
        "stderr": "spine-check: configuration error
      refusing to pass: no layer rule and no contract, and contracts/project.yaml's coverage (packages/core/src/total.ts) matches 1 file without a contract: packages/core/src/total.ts. Write their contracts with \`spine-check contract FILE\`, or change coverage.
      ",
        "stdout": "",
      }
    `);
  });

  describe("--version and the cache's folder (one repository after init, with a layer rule)", () => {
    const workspace = sharedWorkspace({ init: true });
    beforeAll(() => edit(workspace.root, "contracts/project.yaml", "layers: []", LAYER));

    it("--version prints the package's version", async () => {
      const version = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../tools/package.json"), "utf8")) as { version: string };
      expect(await run(["--version"], workspace.root)).toEqual({ code: 0, stdout: `${version.version}\n`, stderr: "" });
    });

    it("the cache lives in node_modules/.cache/spine-check unless --cache-dir says otherwise", async () => {
      const root = workspace.root;
      expect((await run([], root)).code).toBe(0);
      expect(existsSync(join(root, "node_modules/.cache/spine-check"))).toBe(true);
      expect((await run(["--cache-dir", "build/cache"], root)).code).toBe(0);
      expect(existsSync(join(root, "build/cache"))).toBe(true);
    });
  });
});

describe("init on other layouts", () => {
  it("pnpm workspaces, a solution tsconfig's references, and a cache kept in the repository (.gitignore)", async () => {
    const root = fixtureRepo("adopt-workspace", { standalone: true });
    writeFileSync(join(root, "package.json"), '{ "name": "adopt-workspace", "private": true }\n');
    writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    writeFileSync(join(root, "tsconfig.json"), '{ "files": [], "references": [{ "path": "packages/core" }, { "path": "packages/app" }] }\n');
    for (const name of ["core", "app"]) {
      writeFileSync(join(root, `packages/${name}/tsconfig.json`), '{ "compilerOptions": { "strict": true, "composite": true, "outDir": "lib" }, "include": ["src"] }\n');
    }
    writeFileSync(join(root, ".gitignore"), "node_modules/\n");
    const init = await run(["init", "--cache-dir", ".cache/spine"], root);
    expect(init.code).toBe(0);
    expect(init.stdout.split("\n").slice(1, 7)).toEqual([
      "  tsconfig: tsconfig.json (at the root, 2 extended or referenced tsconfigs followed, no paths aliases; specifiers resolve with packages/core/tsconfig.json)",
      "  workspace packages: 2 (pnpm): @org/app (packages/app -> packages/app/src/main.ts), @org/core (packages/core -> packages/core/src/index.ts)",
      "  scan: 5 files, the files tsconfig.json compiles",
      "    include: packages/*/src/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}",
      "    exclude: **/node_modules/**, **/*.d.ts",
      "wrote contracts/project.yaml",
    ]);
    expect(init.stdout).toContain("added .cache/spine/ to .gitignore (the cache folder)");
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe("node_modules/\n# spine-check's cache\n.cache/spine/\n");
  });
});

describe("--baseline FILE", () => {
  it("reads and writes the file it names instead of project.yaml's baseline:", async () => {
    const root = fixtureRepo("adopt-workspace", { standalone: true });
    expect((await run(["init"], root)).code).toBe(0);
    edit(root, "contracts/project.yaml", "layers: []", LAYER);
    edit(root, "packages/app/src/report.ts", 'import { main } from "./main.js";\n', `import { main } from "./main.js";\n${DEEP_IMPORT}`);
    edit(root, "packages/app/src/report.ts", "String(main())", "String(round(main()))");
    expect((await run(["--no-cache"], root)).code).toBe(1);
    const written = await run(["--no-cache", "--baseline", "ci/known.yaml", "--update-baseline"], root);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain("wrote ci/known.yaml: 1 known violation\n");
    expect(existsSync(join(root, "contracts/baseline.yaml"))).toBe(false);
    expect((await run(["--no-cache", "--baseline", "ci/known.yaml"], root)).code).toBe(0);
    expect((await run(["--no-cache"], root)).code).toBe(1);
  });
});
