/** Child process for the concurrent-migration test: migrates the database named by argv[2]. */
import { createDb, migrate } from "../../spine/db/index.js";

const url = process.argv[2];
if (url === undefined) throw new Error("usage: migrate-child.ts DATABASE_URL");
const db = createDb(url);
try {
  await migrate(db);
  console.log("migrated");
} finally {
  await db.destroy();
}
