/**
 * The defaults of `contracts/project.yaml`: what the loader applies for a key
 * the file does not set, and what the schema (and so docs/configuration.md)
 * shows as each key's default.
 */
import { DEFAULT_LIMITS } from "../limits.js";
import type { ProjectData } from "./types.js";

/** Defaults of `contracts/project.yaml` for a key it does not set. */
export const PROJECT_DEFAULTS: ProjectData = {
  limits: DEFAULT_LIMITS,
  tsconfig: "tsconfig.json",
  scan: {
    include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    exclude: ["**/node_modules/**", "dist/**", "test/fixtures/**", "coverage/**", "**/*.d.ts"],
  },
  type_imports: "count",
  coverage: ["spine/drivers/**"],
  layers: [],
  rules: {},
};

