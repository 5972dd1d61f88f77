/**
 * Making idempotency keys safe to log.
 */
import { createHash } from "node:crypto";

/**
 * A short, stable reference to an idempotency key for logs and tables: `key#`
 * and the first 12 hex digits of its SHA-256. The key itself never appears,
 * yet two log lines about the same key carry the same reference.
 * @param idempotencyKey - the key to refer to.
 */
export function redactKey(idempotencyKey: string): string {
  if (typeof idempotencyKey !== "string") return "key#invalid";
  return `key#${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 12)}`;
}
