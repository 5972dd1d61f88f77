import { describe, expect, it } from "vitest";
import { extractFacts } from "../../../../../tools/checker/analyse/facts/extract.js";
import type { Dependency } from "../../../../../tools/checker/analyse/facts/types.js";
import { parseSource } from "../../../../../tools/checker/analyse/parse.js";

/** Facts of a source text. */
function facts(text: string, path = "x.ts"): ReturnType<typeof extractFacts> {
  return extractFacts(parseSource(path, text));
}

/** A dependency as `form specifier names typeOnly @line:col`. */
function brief(d: Dependency): string {
  return `${d.form} ${d.specifier} [${d.names.join(",")}]${d.typeOnly ? " type" : ""} @${d.line}:${d.column}`;
}

describe("extractFacts", () => {
  it("finds every form of dependency with its names and position", () => {
    const result = facts(
      [
        'import a, { b as c, type D } from "./one.js";',
        'import * as ns from "./two.js";',
        'import type { T } from "./three.js";',
        'import { type U } from "./four.js";',
        'import "./side-effect.js";',
        'export { e } from "./five.js";',
        'export * from "./six.js";',
        'export type { V } from "./seven.js";',
        'import legacy = require("./eight.js");',
        'const lazy = import("./nine.js");',
        'const req = require("./ten.js");',
        'type M = typeof import("./eleven.js").member;',
      ].join("\n"),
    );
    expect(result.dependencies.map(brief)).toEqual([
      "import ./one.js [default,b,D] @1:1",
      "import ./two.js [*] @2:1",
      "import ./three.js [T] type @3:1",
      "import ./four.js [U] type @4:1",
      "import ./side-effect.js [] @5:1",
      "export-from ./five.js [e] @6:1",
      "export-from ./six.js [*] @7:1",
      "export-from ./seven.js [V] type @8:1",
      "import-equals ./eight.js [*] @9:1",
      "dynamic-import ./nine.js [*] @10:14",
      "require ./ten.js [*] @11:13",
      "import-type ./eleven.js [member] type @12:10",
    ]);
    expect(result.unanalysable).toEqual([]);
  });

  it("follows createRequire however it is named", () => {
    const result = facts(
      [
        'import { createRequire, createRequire as makeLoader } from "node:module";',
        'import * as m from "node:module";',
        "const load = createRequire(import.meta.url);",
        "const other = m.createRequire(import.meta.url);",
        "const renamed = makeLoader(import.meta.url);",
        'load("./a.js");',
        'other("./b.js");',
        'createRequire(import.meta.url)("./c.js");',
        'renamed("./d.js");',
        'makeLoader(import.meta.url)("./e.js");',
      ].join("\n"),
    );
    expect(result.dependencies.filter((d) => d.form === "require").map(brief)).toEqual([
      "require ./a.js [*] @6:1",
      "require ./b.js [*] @7:1",
      "require ./c.js [*] @8:1",
      "require ./d.js [*] @9:1",
      "require ./e.js [*] @10:1",
    ]);
  });

  it("accepts a const with a literal initializer, and nothing a scope could change", () => {
    const result = facts(
      [
        'const A = "./a.js";',
        'const B = "./b.js" as const;',
        'let C = "./c.js";',
        'const D = "./d.js";',
        "function f(D: string) { return import(D); }",
        'const E = "./e.js";',
        "try { } catch (E) { require(E); }",
        "import(A); import(B); import(C);",
      ].join("\n"),
    );
    expect(result.dependencies.map(brief)).toEqual(["dynamic-import ./a.js [*] @8:1", "dynamic-import ./b.js [*] @8:12"]);
    expect(result.unanalysable.map((u) => `${u.form} ${u.argument} @${u.line}:${u.column}`)).toEqual([
      "dynamic-import D @5:32",
      "require E @7:21",
      "dynamic-import C @8:23",
    ]);
  });

  it("records re-exports, including local re-exports of imported bindings and export default", () => {
    const result = facts(
      [
        'import { a } from "./a.js";',
        'import * as b from "./b.js";',
        'import c from "./c.js";',
        "export { a, b as bee };",
        "export default c;",
        'export { d as dee } from "./d.js";',
        'export * as e from "./e.js";',
        'export * from "./f.js";',
      ].join("\n"),
    );
    expect(result.reExports.map((r) => `${r.exported} <- ${r.imported} ${r.specifier}`)).toEqual([
      "dee <- d ./d.js",
      "e <- * ./e.js",
      "* <- * ./f.js",
      "a <- a ./a.js",
      "bee <- * ./b.js",
      "default <- default ./c.js",
    ]);
  });

  it("lists the names a module declares and exports itself, not those it re-exports", () => {
    const result = facts(
      [
        'import { imported } from "./a.js";',
        "export function f() {}",
        "export class C {}",
        "export interface I {}",
        "export type T = string;",
        "export enum E { A }",
        "export const { x, y: [z] } = { x: 1, y: [2] };",
        "const local = 1;",
        "export { local as renamed, imported };",
        'export { b } from "./b.js";',
        'export * from "./c.js";',
        "export default 42;",
      ].join("\n"),
    );
    expect(result.declared).toEqual(["C", "E", "I", "T", "default", "f", "renamed", "x", "z"]);
  });

  it("counts export default of an imported binding as a re-export, of anything else as a declaration", () => {
    expect(facts('import c from "./c.js";\nexport default c;').declared).toEqual([]);
    expect(facts("const local = 1;\nexport default local;").declared).toEqual(["default"]);
    expect(facts("export default function named() {}").declared).toEqual(["default"]);
  });
});
