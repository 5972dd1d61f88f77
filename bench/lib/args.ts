/**
 * Reading the integer options of a benchmark script (`--rows 2000`).
 */
import { parseArgs } from "node:util";

/**
 * Parses `--name N` options, each a positive integer with a default.
 * Unknown options and values that are not positive integers are errors.
 * @param argv - the arguments after the script's name.
 * @param defaults - every accepted option's name and default value.
 */
export function parseIntegerOptions<Name extends string>(
  argv: readonly string[],
  defaults: Readonly<Record<Name, number>>,
): Record<Name, number> {
  const names = Object.keys(defaults) as Name[];
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
    strict: true,
    allowPositionals: false,
  });
  const parsed: Record<Name, number> = { ...defaults };
  for (const name of names) {
    const text = values[name];
    if (typeof text !== "string") continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
    parsed[name] = value;
  }
  return parsed;
}
