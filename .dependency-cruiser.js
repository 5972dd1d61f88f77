/**
 * dependency-cruiser configuration of this repository. Its rules are built
 * from the YAML contracts under contracts/ (the same ones spine-check reads),
 * so it loads TypeScript: run it through `npm run check:boundaries:depcruise`,
 * or `npx tsx node_modules/dependency-cruiser/bin/dependency-cruise.mjs -c .dependency-cruiser.js .`
 */
import { depcruiseConfiguration } from "./tools/checker/index.ts";

export default depcruiseConfiguration(import.meta.dirname);
