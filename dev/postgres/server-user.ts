/**
 * The operating-system user that runs the embedded server. PostgreSQL refuses
 * to run as root, so root runs it as the unprivileged user `postgres`
 * (created when it does not exist); anyone else runs it as themselves.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describeError, startFailure } from "./errors.js";

const exec = promisify(execFile);

/** An unprivileged user the server runs as. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** The user root runs the server as. */
export const SERVER_USER_NAME = "postgres";

async function lookUp(name: string): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([exec("id", ["-u", name]), exec("id", ["-g", name])]);
    return { name, uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

/**
 * The user to run the server as: `undefined` (this process's own user)
 * unless this process runs as root; then {@link SERVER_USER_NAME}, created
 * as a system user when it does not exist.
 * @throws {DevDatabaseError} when root has no such user and cannot create it.
 */
export async function serverUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUp(SERVER_USER_NAME);
  if (existing !== undefined) return existing;
  try {
    await exec("groupadd", ["--system", SERVER_USER_NAME]);
    await exec("useradd", ["--system", "--gid", SERVER_USER_NAME, "--no-create-home", SERVER_USER_NAME]);
  } catch (error) {
    throw startFailure(
      `PostgreSQL does not run as root, so root runs it as the user "${SERVER_USER_NAME}", which does not exist and could not be created (${describeError(error)}).`,
      error,
    );
  }
  const created = await lookUp(SERVER_USER_NAME);
  if (created === undefined) throw startFailure(`the user "${SERVER_USER_NAME}" was created but cannot be looked up with id(1).`);
  return created;
}
