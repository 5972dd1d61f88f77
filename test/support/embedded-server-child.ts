/**
 * Child process for test/dev/postgres/live-servers.slow.test.ts: starts an
 * embedded server, prints `{ adminUrl, pid, directory }` as one JSON line,
 * then ends the way argv[2] says:
 * - `stop`: stops the server and exits normally;
 * - `forget`: exits normally without stopping it;
 * - `exit`: calls `process.exit(3)` without stopping it;
 * - `throw`: throws an uncaught error;
 * - `wait`: waits for a signal.
 * `SPINE_TEST_CACHE_PARENT` names where a copy of the binaries may be cached.
 */
import { startEmbeddedDatabase } from "../../dev/database.js";

const mode = process.argv[2];
const cacheParent = process.env["SPINE_TEST_CACHE_PARENT"];
const server = await startEmbeddedDatabase(cacheParent === undefined ? {} : { cacheParent });
console.log(JSON.stringify({ adminUrl: server.adminUrl, ...server.embedded }));
switch (mode) {
  case "stop":
    await server.stop();
    break;
  case "forget":
    break;
  case "exit":
    process.exit(3);
    break;
  case "throw":
    throw new Error("thrown on purpose after starting the server");
  case "wait":
    setInterval(() => undefined, 60_000);
    break;
  default:
    throw new Error(`unknown mode ${String(mode)}`);
}
