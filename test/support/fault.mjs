/**
 * A fault for the tests of internal errors, loaded with
 * `NODE_OPTIONS=--import test/support/fault.mjs`: converting any YAML
 * document to data throws a TypeError, as a bug of spine-check would (every
 * command reads contracts/project.yaml first). With `SPINE_FAULT_ARGV`, only
 * a process whose command line contains that text is faulty (the ts-morph
 * child of `--engine all`, say).
 */
import { Document } from "yaml";

const only = process.env["SPINE_FAULT_ARGV"];
if (only === undefined || process.argv.join(" ").includes(only)) {
  Document.prototype.toJS = function toJS() {
    throw new TypeError("injected fault");
  };
}
