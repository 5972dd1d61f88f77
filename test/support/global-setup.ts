/**
 * Starts one PostgreSQL server for the whole test run (embedded unless
 * `DATABASE_URL` is set) and stops it afterwards, also when tests fail.
 */
import type { TestProject } from "vitest/node";
import { openDevDatabase } from "../../dev/database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string with the right to create databases. */
    adminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await openDevDatabase();
  project.provide("adminUrl", server.adminUrl);
  return () => server.stop();
}
