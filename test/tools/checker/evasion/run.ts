/**
 * Plants the evasion variants (or their clean twins) in a copy of the base
 * fixture, runs each engine on it once, and judges every variant: caught
 * when each engine that enforces its rule reports its file under one of the
 * rules that catch it; a twin passes when no engine reports anything in its
 * files.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { runCli, type Violation } from "../../../../tools/checker/index.js";
import { type Engine, type Files, generateVariants, VAULT_FILES, type Variant } from "./generate.js";

/** The base fixture the variants are planted in. */
const BASE = resolve(import.meta.dirname, "../../../fixtures/checker/base");

/** What one engine reported on one copy. */
interface EngineRun {
  readonly code: number;
  readonly stderr: string;
  /** Violations by file. */
  readonly byFile: ReadonlyMap<string, readonly Violation[]>;
  readonly violations: number;
}

/** Copies the base with `files` planted, runs `engine` on it, and removes the copy. */
async function runOn(files: Files, engine: Engine): Promise<EngineRun> {
  const root = mkdtempSync(join(tmpdir(), "spine-evasion-"));
  try {
    cpSync(BASE, root, { recursive: true });
    for (const [path, text] of Object.entries({ ...VAULT_FILES, ...files })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    let stdout = "";
    let stderr = "";
    const code = await runCli(["--root", root, "--engine", engine, "--format", "json", "--no-cache"], {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
    });
    const violations = stdout === "" ? [] : (JSON.parse(stdout) as { violations: Violation[] }).violations;
    const byFile = new Map<string, Violation[]>();
    for (const violation of violations) byFile.set(violation.file, [...(byFile.get(violation.file) ?? []), violation]);
    return { code, stderr, byFile, violations: violations.length };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The verdict on one variant. */
export interface VariantVerdict {
  readonly variant: Variant;
  /** The engines that must catch it and did not. */
  readonly missedBy: readonly Engine[];
  /** What each engine reported in the variant's file (`rule` per violation). */
  readonly reported: Readonly<Record<Engine, readonly string[]>>;
  /** Violations reported in the twin's files (`engine rule file:line:col`); empty when it passed. */
  readonly twinViolations: readonly string[];
}

/** The outcome of a whole evasion run. */
export interface EvasionOutcome {
  readonly verdicts: readonly VariantVerdict[];
  /** Each engine's exit code and standard error on the copy of the variants and on the copy of the twins. */
  readonly runs: Readonly<Record<Engine, { readonly variants: Pick<EngineRun, "code" | "stderr">; readonly twins: Pick<EngineRun, "code" | "stderr" | "violations"> }>>;
}

const ENGINES: readonly Engine[] = ["ts-morph", "depcruise"];

/** Plants every variant in one copy and every twin in another, runs both engines on each, and judges each variant. */
export async function runEvasion(variants: readonly Variant[] = generateVariants()): Promise<EvasionOutcome> {
  const variantFiles: Record<string, string> = {};
  const twinFiles: Record<string, string> = {};
  for (const variant of variants) {
    Object.assign(variantFiles, variant.files);
    Object.assign(twinFiles, variant.twin);
  }
  const onVariants = new Map<Engine, EngineRun>();
  const onTwins = new Map<Engine, EngineRun>();
  for (const engine of ENGINES) {
    onVariants.set(engine, await runOn(variantFiles, engine));
    onTwins.set(engine, await runOn(twinFiles, engine));
  }
  const verdicts = variants.map((variant): VariantVerdict => {
    const reported = Object.fromEntries(ENGINES.map((engine) => [engine, (onVariants.get(engine)?.byFile.get(variant.file) ?? []).map((v) => v.ruleId)])) as Record<Engine, string[]>;
    const missedBy = variant.engines.filter((engine) => !reported[engine].includes(variant.rule));
    const twinViolations = ENGINES.flatMap((engine) =>
      Object.keys(variant.twin).flatMap((file) => (onTwins.get(engine)?.byFile.get(file) ?? []).map((v) => `${engine} ${v.ruleId} ${v.file}:${v.line}:${v.column}`)),
    );
    return { variant, missedBy, reported, twinViolations };
  });
  const summary = (run: EngineRun | undefined): Pick<EngineRun, "code" | "stderr" | "violations"> => ({ code: run?.code ?? -1, stderr: run?.stderr ?? "", violations: run?.violations ?? -1 });
  const runs = (engine: Engine) => {
    const { code, stderr } = summary(onVariants.get(engine));
    return { variants: { code, stderr }, twins: summary(onTwins.get(engine)) };
  };
  return { verdicts, runs: { "ts-morph": runs("ts-morph"), depcruise: runs("depcruise") } };
}
