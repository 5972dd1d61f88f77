/** Probing a PostgreSQL server from tests. */
import pg from "pg";

/**
 * Connects to `url` and disconnects: `connected`, or the error's `code`
 * (`ECONNREFUSED` once a server is gone).
 */
export async function connectError(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return "connected";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
