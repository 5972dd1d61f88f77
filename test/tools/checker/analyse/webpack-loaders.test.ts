/**
 * Webpack's inline loaders: both engines read `!loader!./file` as a
 * dependency on `./file` (found on eav-ui, where dependency-cruiser found a
 * misspelt asset that the ts-morph engine took for a package).
 */
import { describe, expect, it } from "vitest";
import { resourceOf } from "../../../../tools/checker/analyse/resolve.js";
import { checkAllEngines, fixtureRepo, withEngines } from "../fixture.js";

describe("webpack inline loaders", () => {
  it("name the resource after the last !", () => {
    expect(["!raw-loader!../a.svg", "-!raw-loader!./a.svg", "!!style-loader!css-loader!./a.css", "./plain.ts", "pkg!"].map(resourceOf)).toEqual([
      "../a.svg",
      "./a.svg",
      "./a.css",
      "./plain.ts",
      "pkg!",
    ]);
  });

  it("a misspelt resource leads to no file, a forbidden one breaks its layer rule, in both engines", async () => {
    const run = await checkAllEngines(fixtureRepo("webpack-loaders"));
    expect(run.code).toBe(1);
    expect(run.violations.map(withEngines)).toEqual([
      "unresolvable-import ui/icons.ts:1:1 [ts-morph, depcruise]",
      "layer-boundary ui/icons.ts:3:1 [ts-morph, depcruise]",
    ]);
    expect(run.violations.map((v) => v.target)).toEqual(["!raw-loader!./assets/Image-left.svg", "server/template.html"]);
  });
});
