import { z } from "zod";

import {
  AlreadyBookedError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  MalformedInputError,
  NotFoundError,
  type OfferedSlot,
  RateLimitedError,
  SlotTakenError,
  SlowInputError,
  TooLateToChangeError,
  TooLargeError,
  UnauthenticatedError,
  UnsupportedTypeError,
  UnavailableError,
  UnprocessableError,
  type FieldErrors,
} from "@/lib/errors";

/**
 * The HTTP edge: the ONE mapper from domain errors (lib/errors.ts) to the contract's error body
 * (docs/api-v1.md, "Errors"). The only module of lib/ that knows HTTP statuses besides the route wrapper.
 */

/** Error codes of the public contract (more may be added; clients branch on the status first). */
export const API_ERROR_CODES = [
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "CONFLICT",
  "TOO_MANY_PHOTOS",
  "IMAGE_UNREADABLE",
  "SLOT_TAKEN",
  "ALREADY_BOOKED",
  "TOO_LATE_TO_CHANGE",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "REQUEST_TIMEOUT",
  "HEADERS_TOO_LARGE",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string>; slots?: OfferedSlot[] };
}

/** At most this many fresh slots ride on a SLOT_TAKEN answer (the error body stays under 8 KiB). */
export const MAX_ERROR_SLOTS = 24;

/** The error body as a zod schema: the OpenAPI document's `Error` component. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES).describe("Machine-readable; more codes may be added."),
    message: z.string().describe("For people; in Spanish with ?locale=es or Accept-Language: es."),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe('Offending field path ("contact.email", "scars.1", an unknown key as given) -> message; at most 20 entries.'),
    slots: z
      .array(z.object({ start: z.string(), end: z.string() }))
      .optional()
      .describe(`SLOT_TAKEN only: free slots of the same date and type instead (at most ${MAX_ERROR_SLOTS}).`),
  }),
});

export interface HttpError {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

/** api-v1.md, "Error hygiene": at most 20 field entries and 8 KiB per error body, whatever the request. */
export const MAX_ERROR_FIELDS = 20;
export const MAX_ERROR_BODY_BYTES = 8 * 1024;
const MAX_PATH_CHARS = 200;
const MAX_MESSAGE_CHARS = 500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const defineField = (out: Record<string, string>, path: string, message: string) =>
  Object.defineProperty(out, path, { value: message, enumerable: true, writable: true, configurable: true });

/**
 * The error body within the limits: the first 20 fields, long paths and messages clipped, and
 * fields dropped from the end until the JSON is at most 8 KiB. Keys stay own properties.
 */
export function fitErrorBody(body: ApiErrorBody): ApiErrorBody {
  const entries = body.error.fields ? Object.keys(body.error.fields).slice(0, MAX_ERROR_FIELDS) : [];
  const pairs = entries.map((path) => [clip(path, MAX_PATH_CHARS), clip(body.error.fields?.[path] ?? "", MAX_MESSAGE_CHARS)] as const);
  const build = (count: number): ApiErrorBody => {
    const error: ApiErrorBody["error"] = { code: body.error.code, message: clip(body.error.message, MAX_MESSAGE_CHARS) };
    if (body.error.slots) error.slots = body.error.slots.slice(0, MAX_ERROR_SLOTS).map((s) => ({ start: clip(s.start, 40), end: clip(s.end, 40) }));
    if (count > 0) {
      const fields: Record<string, string> = {};
      for (const [path, message] of pairs.slice(0, count)) if (!Object.hasOwn(fields, path)) defineField(fields, path, message);
      error.fields = fields;
    }
    return { error };
  };
  let count = pairs.length;
  let fitted = build(count);
  while (count > 0 && Buffer.byteLength(JSON.stringify(fitted)) > MAX_ERROR_BODY_BYTES) fitted = build(--count);
  return fitted;
}

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

/** Field errors as the body's `fields` object. Own properties, so `__proto__` stays a key like any other. */
export function fieldsBody(fields: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of fields) {
    if (Object.keys(out).length >= MAX_ERROR_FIELDS) break;
    defineField(out, path, message);
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
  if (error instanceof SlotTakenError) {
    const taken = http(409, "SLOT_TAKEN", error.message);
    taken.body.error.slots = error.slots.slice(0, MAX_ERROR_SLOTS).map((s) => ({ start: s.start, end: s.end }));
    return taken;
  }
  if (error instanceof AlreadyBookedError) return http(409, "ALREADY_BOOKED", error.message);
  if (error instanceof TooLateToChangeError) return http(409, "TOO_LATE_TO_CHANGE", error.message);
  // The photo limit has its own code (api-v1.md, "Photos and assessment"): a client tells it from a stale version.
  if (error instanceof ConflictError) return http(409, error.reason === "too_many_photos" ? "TOO_MANY_PHOTOS" : "CONFLICT", error.message);
  if (error instanceof UnprocessableError) return http(422, "IMAGE_UNREADABLE", error.message);
  if (error instanceof TooLargeError) return http(413, "PAYLOAD_TOO_LARGE", error.message);
  if (error instanceof UnsupportedTypeError) return http(415, "UNSUPPORTED_MEDIA_TYPE", error.message);
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
