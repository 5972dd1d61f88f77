/**
 * The response headers an adapter sends with what `Execution.finish`
 * returned: that response's headers, on top of those set before the route
 * ran (by middleware such as CORS, as a replay keeps them too); a header
 * only the route set and the response left out (the route's own headers
 * when its response was replaced by a too-large 500) is removed.
 */

/** A header's value as Node and the frameworks hold it. */
export type HeaderValue = string | number | readonly string[];

/** What to change on the response: see {@link headerChanges}. */
export interface HeaderChanges {
  /** Names to remove (lower case). */
  readonly remove: readonly string[];
  /** Names (lower case) and values to set. */
  readonly set: readonly (readonly [string, string | readonly string[]])[];
}

/**
 * The changes that make a response carry `wanted`.
 * @param current - the headers on the response now (names in lower case, as `getHeaders()` gives them).
 * @param before - the names set before the route ran: kept even when `wanted` lacks them.
 * @param wanted - the headers to send (names in lower case).
 * @returns the names to remove and the values to set. A value the response holds as several
 *   field lines (`set-cookie`) that `wanted` has joined with `", "` keeps its lines.
 */
export function headerChanges(current: Readonly<Record<string, HeaderValue | undefined>>, before: ReadonlySet<string>, wanted: Readonly<Record<string, string>>): HeaderChanges {
  const remove: string[] = [];
  const set: (readonly [string, string | readonly string[]])[] = [];
  for (const [name, value] of Object.entries(current)) {
    if (value !== undefined && !Object.hasOwn(wanted, name) && !before.has(name)) remove.push(name);
  }
  for (const [name, value] of Object.entries(wanted)) {
    const held = current[name];
    set.push([name, Array.isArray(held) && held.join(", ") === value ? held : value]);
  }
  return { remove, set };
}
