import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { connectError } from "../support/connect.js";
import { openDevDatabase, startEmbeddedDatabase } from "../../dev/database.js";

describe("the development database", () => {
  it("starts an embedded server, and stop() shuts it down and deletes its data folder", async () => {
    const server = await startEmbeddedDatabase();
    expect(server.kind).toBe("embedded");
    expect(await connectError(server.adminUrl)).toBe("connected");
    const dataDir = server.embedded?.directory;
    expect(dataDir).toMatch(/\/spine-pg-\w+$/);
    expect(existsSync(dataDir ?? "")).toBe(true);
    await server.stop();
    await server.stop();
    expect(await connectError(server.adminUrl)).toBe("ECONNREFUSED");
    expect(existsSync(dataDir ?? "")).toBe(false);
  });

  it("uses DATABASE_URL as is when it is set", async () => {
    const server = await openDevDatabase({ DATABASE_URL: "postgres://u:p@db.invalid:5432/app" });
    expect(server).toMatchObject({ kind: "external", adminUrl: "postgres://u:p@db.invalid:5432/app" });
    await server.stop();
  });
});
