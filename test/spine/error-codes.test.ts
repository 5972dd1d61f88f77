/**
 * `IdempotencyErrorCode` is exhaustive: every code an error class carries is
 * in the union (the compiler checks the `Record` below holds every member),
 * and every member of the union is carried by some class.
 */
import { describe, expect, it } from "vitest";
import {
  IdempotencyCommitUnknownError,
  type IdempotencyErrorCode,
  IdempotencyKeyInvalidError,
  IdempotencyKeyMissingError,
  IdempotencyKeyReuseError,
  IdempotencyLeaseLostError,
  IdempotencyOptionsInvalidError,
  IdempotencyRequestInProgressError,
  IdempotencyResponseTooLargeError,
  IdempotencyRetryableError,
  IdempotencyRunNotFoundError,
  IdempotencyRunNotInProgressError,
  IdempotencyScopeInvalidError,
  IdempotencyStoreError,
  PayloadInvalidError,
} from "../../spine/index.js";

/** Every member of the union, once: the compiler refuses this object if one is missing or unknown. */
const EVERY_CODE = {
  idempotency_key_invalid: 400,
  idempotency_key_missing: 400,
  idempotency_scope_invalid: 400,
  idempotency_options_invalid: 500,
  idempotency_key_reused: 422,
  idempotency_serialization_failure: 503,
  idempotency_store_unavailable: 503,
  idempotency_store_failed: 500,
  idempotency_commit_unknown: 503,
  idempotency_run_not_found: 404,
  idempotency_run_not_in_progress: 409,
  idempotency_response_too_large: 500,
  idempotency_lease_lost: 409,
  idempotency_request_in_progress: 409,
  payload_invalid: 400,
} satisfies Record<IdempotencyErrorCode, number>;

const transient = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
const permanent = Object.assign(new Error("relation does not exist"), { code: "42P01" });

describe("IdempotencyErrorCode", () => {
  it("is carried, with its status, by exactly the error classes", () => {
    const errors = [
      new IdempotencyKeyInvalidError("x"),
      new IdempotencyKeyMissingError(),
      new IdempotencyScopeInvalidError("x"),
      new IdempotencyOptionsInvalidError("x"),
      new IdempotencyKeyReuseError("r"),
      new IdempotencyRetryableError(Object.assign(new Error("could not serialize"), { code: "40001" })),
      new IdempotencyStoreError(transient),
      new IdempotencyStoreError(permanent),
      new IdempotencyCommitUnknownError(transient),
      new IdempotencyRunNotFoundError("r"),
      new IdempotencyRunNotInProgressError("r", "finished"),
      new IdempotencyResponseTooLargeError(2, 1),
      new IdempotencyLeaseLostError("r", "x"),
      new IdempotencyRequestInProgressError("r"),
      new PayloadInvalidError("x"),
    ];
    expect(Object.fromEntries(errors.map((error) => [error.code, error.status]))).toEqual(EVERY_CODE);
  });

  it("lets a switch over error.code be exhaustive", () => {
    const describe = (code: IdempotencyErrorCode): string => {
      switch (code) {
        case "idempotency_key_invalid":
        case "idempotency_key_missing":
        case "idempotency_scope_invalid":
        case "payload_invalid":
          return "fix the request";
        case "idempotency_key_reused":
          return "use a new key";
        case "idempotency_serialization_failure":
        case "idempotency_store_unavailable":
        case "idempotency_commit_unknown":
        case "idempotency_request_in_progress":
          return "retry";
        case "idempotency_options_invalid":
        case "idempotency_store_failed":
        case "idempotency_run_not_found":
        case "idempotency_run_not_in_progress":
        case "idempotency_response_too_large":
        case "idempotency_lease_lost":
          return "a server-side matter";
        default: {
          const unreachable: never = code;
          return unreachable;
        }
      }
    };
    expect(describe("idempotency_commit_unknown")).toBe("retry");
  });
});
