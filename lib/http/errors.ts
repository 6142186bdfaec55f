import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  MalformedInputError,
  NotFoundError,
  RateLimitedError,
  SlowInputError,
  TooLargeError,
  UnauthenticatedError,
  UnavailableError,
  type FieldErrors,
} from "@/lib/errors";

/**
 * The HTTP edge: the ONE mapper from domain errors (lib/errors.ts) to the contract's error body
 * (docs/api-v1.md, "Errors"). The only module of lib/ that knows HTTP statuses besides the route wrapper.
 */

/** Error codes of the public contract. */
export type ApiErrorCode =
  | "VALIDATION_FAILED"
  | "MALFORMED_JSON"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "REQUEST_TIMEOUT"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string> };
}

export interface HttpError {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

/** Field errors as the body's `fields` object. Own properties, so `__proto__` stays a key like any other. */
export function fieldsBody(fields: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of fields) {
    Object.defineProperty(out, path, { value: message, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function http(status: number, code: ApiErrorCode, message: string, extra: { fields?: FieldErrors; headers?: Record<string, string> } = {}): HttpError {
  const body: ApiErrorBody = { error: { code, message, ...(extra.fields && extra.fields.size > 0 ? { fields: fieldsBody(extra.fields) } : {}) } };
  return { status, body, headers: extra.headers ?? {} };
}

/** A domain error as the contract's status, body and headers; null for an unexpected error. */
export function httpErrorOf(error: unknown): HttpError | null {
  if (!(error instanceof DomainError)) return null;
  if (error instanceof InvalidError) return http(400, "VALIDATION_FAILED", error.message, { fields: error.fields });
  if (error instanceof MalformedInputError) return http(400, "MALFORMED_JSON", error.message);
  if (error instanceof UnauthenticatedError) return http(401, "UNAUTHENTICATED", error.message);
  if (error instanceof ForbiddenError) return http(403, "FORBIDDEN", error.message);
  if (error instanceof NotFoundError) return http(404, "NOT_FOUND", error.message);
  if (error instanceof ConflictError) return http(409, "CONFLICT", error.message);
  if (error instanceof TooLargeError) return http(413, "PAYLOAD_TOO_LARGE", error.message);
  // The connection is closed after the answer (lib/http/node-server.ts): the rest of the body is not wanted.
  if (error instanceof SlowInputError) return http(408, "REQUEST_TIMEOUT", error.message, { headers: { Connection: "close" } });
  if (error instanceof RateLimitedError) {
    return http(429, "RATE_LIMITED", error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  if (error instanceof UnavailableError) {
    return http(503, "SERVICE_UNAVAILABLE", error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  return null;
}

export function internalHttpError(): HttpError {
  return http(500, "INTERNAL", INTERNAL_ERROR_MESSAGE);
}
