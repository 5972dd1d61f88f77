import { describe, expect, it } from "vitest";
import { locateSpecifier } from "../../../../../tools/checker/engines/depcruise/locate.js";

describe("locating a specifier without a parser", () => {
  it("places a static import or re-export at its statement, a call at its callee", () => {
    const text = [
      "// a comment",
      'import { a } from "./a.js";',
      "import {",
      "  b,",
      '} from "./b.js";',
      "  export * from './c.js';",
      'const d = await import("./d.js");',
      'const e = require ("./e.js");',
      'const f = createRequire(import.meta.url)("./f.js");',
    ].join("\n");
    expect(locateSpecifier(text, "./a.js")).toEqual({ line: 2, column: 1 });
    expect(locateSpecifier(text, "./b.js")).toEqual({ line: 3, column: 1 });
    expect(locateSpecifier(text, "./c.js")).toEqual({ line: 6, column: 3 });
    expect(locateSpecifier(text, "./d.js")).toEqual({ line: 7, column: 17 });
    expect(locateSpecifier(text, "./e.js")).toEqual({ line: 8, column: 11 });
    expect(locateSpecifier(text, "./f.js")).toEqual({ line: 9, column: 11 });
    expect(locateSpecifier(text, "./missing.js")).toEqual({ line: 1, column: 1 });
  });
});
