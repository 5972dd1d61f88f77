/**
 * Starts one PostgreSQL server for the test files that use a database
 * (embedded unless `DATABASE_URL` is set) and stops it afterwards, also when
 * tests fail. vitest runs it only when a project that lists it has a test
 * file in the run, so a run of checker tests alone starts no server.
 */
import type { TestProject } from "vitest/node";
import { openDevDatabase } from "../../dev/database.js";
import { systemTemp } from "./run-temp.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string with the right to create databases. */
    adminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The copy of the binaries (made when the checkout is closed to the server's user) is kept across runs.
  const server = await openDevDatabase(process.env, { cacheParent: systemTemp() });
  project.provide("adminUrl", server.adminUrl);
  return () => server.stop();
}
