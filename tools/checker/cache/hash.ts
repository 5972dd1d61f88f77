/**
 * The content hash of the cache keys.
 */
import { createHash } from "node:crypto";

/** A hex SHA-1 of the given parts (text or bytes), each followed by a NUL so that parts cannot run together. */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha1");
  for (const part of parts) {
    hash.update(part);
    hash.update("\u0000");
  }
  return hash.digest("hex");
}
