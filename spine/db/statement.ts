/**
 * SQL statements with named parameters (`:ttl`), compiled once to the
 * positional `?` placeholders of `knex.raw`, so that a statement that uses a
 * value twice, or many values, binds them by name rather than by position.
 */

/** A statement compiled for `knex.raw`: its SQL with `?` placeholders and the parameter behind each. */
export interface Statement {
  /** The SQL with a `?` for each parameter. */
  readonly sql: string;
  /** The name of the parameter behind each `?`, in order. */
  readonly names: readonly string[];
}

/** `:name`, but not the second colon of a cast (`::text`) nor a colon inside a word. */
const PARAMETER = /(?<![:\w]):([a-z][a-z0-9_]*)/g;

/**
 * Compiles SQL with `:name` parameters. The SQL must not contain `?`, which
 * knex would read as a placeholder.
 * @param text - the SQL, e.g. `select 1 from runs where id = :id`.
 * @throws {Error} when the SQL contains `?`.
 */
export function statement(text: string): Statement {
  if (text.includes("?")) throw new Error("statement: use :name parameters, not ?");
  const names: string[] = [];
  const sql = text.replace(PARAMETER, (_match, name: string) => {
    names.push(name);
    return "?";
  });
  return { sql, names };
}

/**
 * The positional bindings of a statement, from a value per parameter name.
 * @param compiled - what {@link statement} returned.
 * @param values - a value for every parameter the statement names.
 * @throws {Error} when a parameter has no value: a bug in the caller.
 */
export function bindingsOf(compiled: Statement, values: Readonly<Record<string, unknown>>): unknown[] {
  return compiled.names.map((name) => {
    if (!Object.hasOwn(values, name)) throw new Error(`statement: no value for :${name}`);
    return values[name];
  });
}
