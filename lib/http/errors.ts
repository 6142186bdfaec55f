import type { ZodError } from "zod";

/** Error codes of the public contract (api-v1.md, "Errors"). */
export type ApiErrorCode =
  | "VALIDATION_FAILED"
  | "MALFORMED_JSON"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string> };
}

/**
 * An expected failure with the HTTP status it maps to. Domain code throws it;
 * route handlers turn it into the contract's error body with `toErrorResponse`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new ApiError(400, "VALIDATION_FAILED", message, fields);
export const unauthenticated = () => new ApiError(401, "UNAUTHENTICATED", "Please sign in.");
export const forbidden = () => new ApiError(403, "FORBIDDEN", "Your role does not allow this.");
export const notFound = (what = "Not found.") => new ApiError(404, "NOT_FOUND", what);
export const conflict = (message: string) => new ApiError(409, "CONFLICT", message);
export const serviceUnavailable = (message = "The service is briefly unavailable. Please try again in a moment.") =>
  new ApiError(503, "SERVICE_UNAVAILABLE", message, undefined, { "Retry-After": "5" });
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, "RATE_LIMITED", "Too many requests. Please wait a moment and try again.", undefined, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/**
 * Flattens zod issues into the contract's `fields` map: dotted path -> first message.
 * Unknown keys are reported on the key itself so a client sees which field was rejected.
 */
export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      const base = issue.path.map(String).join(".");
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        fields[path] ??= "This field is not part of the form.";
      }
      continue;
    }
    const path = issue.path.map(String).join(".") || "_root";
    fields[path] ??= issue.message;
  }
  return fields;
}

export function validationError(error: ZodError): ApiError {
  return badRequest("Some answers need another look.", zodFields(error));
}
