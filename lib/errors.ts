import type { z } from "zod";

import { CONTROL_CHARACTER_MESSAGE, forbiddenControlPaths } from "@/lib/validation/text";

/**
 * Domain errors: what went wrong, in the domain's words, never with an HTTP status.
 *
 * `lib/` throws these; exactly two mappers translate them for the outside world:
 * - `lib/http/route.ts` (the route wrapper) -> the HTTP contract's error body and status;
 * - `lib/workspace/staff-action.ts` (the server action wrapper) -> a form's ActionState.
 * Anything that is not a DomainError is unexpected: logged (name and code only, never patient data)
 * and answered with a generic message. See docs/decisions/010-errors-and-actions.md.
 *
 *   if (!lead) throw new NotFoundError("This inquiry does not exist.");
 *   if (stale) throw new ConflictError(STALE_VERSION_MESSAGE, "stale_version");
 *   throw new InvalidError("The assignee must be a staff member.", { assigneeId: "Unknown staff member." });
 *   const input = parseInput(createStaffUserSchema, raw); // InvalidError with every field path
 */

/** Field path ("contact.email", "scars.1", "__proto__") -> message. A Map: no key is ever special. */
export type FieldErrors = ReadonlyMap<string, string>;
export type FieldErrorsInit = FieldErrors | Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

export abstract class DomainError extends Error {
  /** A stable, machine-readable reason within the kind (e.g. "last_admin", "stale_version"). */
  readonly reason: string | undefined;
  protected constructor(message: string, reason?: string) {
    super(message);
    this.name = new.target.name;
    this.reason = reason;
  }
}

/** The thing asked for does not exist (or is not visible to this caller). */
export class NotFoundError extends DomainError {
  constructor(message = "Not found.", reason?: string) {
    super(message, reason);
  }
}

/** The request is valid but clashes with the current state (stale version, duplicate, last admin). */
export class ConflictError extends DomainError {
  constructor(message: string, reason?: string) {
    super(message, reason);
  }
}

/** The input breaks a rule; `fields` names each offending field by its path. */
export class InvalidError extends DomainError {
  readonly fields: FieldErrors;
  constructor(message: string, fields: FieldErrorsInit = new Map(), reason?: string) {
    super(message, reason);
    this.fields = toFieldMap(fields);
  }
}

/** The input could not be read at all (not JSON, empty). */
export class MalformedInputError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** A free, bookable time the caller asked for, with its end (the slots a refused booking offers instead). */
export interface OfferedSlot {
  start: string;
  end: string;
}

/**
 * The time asked for is no longer free: the database refused a consultation that would overlap
 * another on the same calendar (decision 022). `slots` are fresh free times of that date and type.
 */
export class SlotTakenError extends ConflictError {
  constructor(
    message: string,
    readonly slots: readonly OfferedSlot[] = [],
  ) {
    super(message, "slot_taken");
  }
}

/** The inquiry already has a booked consultation (the database allows one per inquiry): move it instead. */
export class AlreadyBookedError extends ConflictError {
  constructor(message: string) {
    super(message, "already_booked");
  }
}

/** The patient may no longer move or cancel by themselves (the clinic's self-service cut-off): call the clinic. */
export class TooLateToChangeError extends ConflictError {
  constructor(message: string) {
    super(message, "too_late_to_change");
  }
}

/** The input is larger than the limit. */
export class TooLargeError extends DomainError {
  constructor(message: string, readonly limitBytes: number) {
    super(message);
  }
}

/**
 * The input is a kind of file (or data) that is not accepted here; `accepted` names the kinds that
 * are (MIME types, e.g. "image/jpeg"). Decided by the bytes, not by what the sender declared.
 */
export class UnsupportedTypeError extends DomainError {
  constructor(message: string, readonly accepted: readonly string[]) {
    super(message);
  }
}

/**
 * The input is of an accepted kind by its bytes but cannot be used: an image that does not decode,
 * is cut short, or has more pixels than the limit (a decompression bomb).
 */
export class UnprocessableError extends DomainError {
  constructor(message: string, reason?: string) {
    super(message, reason);
  }
}

/** No signed-in staff member. */
export class UnauthenticatedError extends DomainError {
  constructor(message = "Please sign in.") {
    super(message);
  }
}

/** Signed in, but the role (or the rule) does not allow it. */
export class ForbiddenError extends DomainError {
  constructor(message = "Your role does not allow this.", reason?: string) {
    super(message, reason);
  }
}

/** The input did not arrive in time (a trickling upload); `limitMs` is the bound it broke. */
export class SlowInputError extends DomainError {
  constructor(message: string, readonly limitMs: number) {
    super(message);
  }
}

/** Too many attempts; try again after `retryAfterSeconds` (a whole number, at least 1). */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = "Too many requests. Please wait a moment and try again.") {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** A dependency (the database) is down, locked or out of connections; try again later. */
export class UnavailableError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 5, message = "The service is briefly unavailable. Please try again in a moment.") {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

function toFieldMap(init: FieldErrorsInit): FieldErrors {
  if (init instanceof Map) return init;
  if (Symbol.iterator in init) return new Map(init as Iterable<readonly [string, string]>);
  // Own keys only (Object.keys includes an own "__proto__" created by JSON.parse or defineProperty).
  const record = init as Readonly<Record<string, string>>;
  return new Map(Object.keys(record).map((key) => [key, record[key] as string]));
}

export const UNKNOWN_FIELD_MESSAGE = "This field is not part of the form.";

/**
 * Zod issues as field errors: dotted path -> the first message for it. An unknown key is reported
 * on the key itself, as given (`__proto__` and `constructor` included), so a client sees which
 * field was rejected. A Map, never a plain-object lookup.
 */
export function zodFieldErrors(error: z.ZodError): Map<string, string> {
  const fields = new Map<string, string>();
  const add = (path: string, message: string) => {
    if (!fields.has(path)) fields.set(path, message);
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(base ? `${base}.${key}` : key, UNKNOWN_FIELD_MESSAGE);
      continue;
    }
    add(base || "_root", issue.message);
  }
  return fields;
}

export const INVALID_INPUT_MESSAGE = "Some answers need another look.";

/** The message of an InvalidError: fixed, or derived from the field errors (e.g. the first one). */
export type InvalidMessage = string | ((fields: FieldErrors) => string);

/** An InvalidError carrying every field of a ZodError. */
export function invalidFromZod(error: z.ZodError, message: InvalidMessage = INVALID_INPUT_MESSAGE): InvalidError {
  const fields = zodFieldErrors(error);
  return new InvalidError(typeof message === "function" ? message(fields) : message, fields);
}

/** The first field's message: for callers that show one line (the CLI). */
export const firstFieldMessage =
  (fallback: string) =>
  (fields: FieldErrors): string =>
    fields.values().next().value ?? fallback;

/**
 * Parses `input` with `schema`, or throws an InvalidError naming each field. The route and action
 * wrappers use it; lib/ uses it only where a caller outside the wrappers (CLI, seed) passes raw input.
 * Before the schema, every string in the input is checked for control characters no text may hold
 * (U+0000 etc., lib/validation/text.ts): whatever the schema, they never reach the database.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message?: InvalidMessage): z.output<S> {
  const control = forbiddenControlPaths(input);
  if (control.length > 0) {
    const fields = new Map(control.map((path) => [path, CONTROL_CHARACTER_MESSAGE] as const));
    throw new InvalidError(typeof message === "function" ? message(fields) : (message ?? INVALID_INPUT_MESSAGE), fields);
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidFromZod(parsed.error, message);
  return parsed.data;
}
