import "server-only";

import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";

import { isDatabaseUnavailableError } from "@/lib/db/client";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  parseInput,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
} from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { requireStaff, type StaffUser } from "@/lib/staff/require-staff";
import type { StaffRole } from "@/lib/staff/roles";

import type { ActionState } from "./action-state";

/** At most this many field messages go back to a form (the same cap as the API's error body). */
export const MAX_FIELD_ERRORS = 20;
export const UNEXPECTED_ACTION_MESSAGE = "Something went wrong on our side. Nothing was saved; please try again.";
export const UNAVAILABLE_ACTION_MESSAGE = "Saving is briefly unavailable. Nothing was saved; please try again in a moment.";

export interface StaffActionConfig<R extends StaffRole | null, S extends z.ZodType> {
  /** Operation name for the logs ("updateLead"). */
  name: string;
  /** The least role allowed; null only for the sign-in form (no session yet). */
  role: R;
  /** The shared zod schema of the input (the same one the API route uses). */
  schema: S;
  /** FormData -> the object the schema parses. Default: every text field, dotted names nested. */
  fromForm?: (form: FormData) => unknown;
  /** Where sign-in sends the person back to when the session has expired. */
  returnTo?: string | ((form: FormData) => string);
  /** The message above the field errors when the schema rejects the input. */
  invalidMessage?: string;
  /** Own password and two-factor actions: allowed while the sign-in has a pending step (lib/staff/require-staff.ts). */
  allowPending?: boolean;
}

export interface StaffActionInput<R extends StaffRole | null, S extends z.ZodType> {
  user: R extends StaffRole ? StaffUser : null;
  input: z.output<S>;
  form: FormData;
  headers: Headers;
}

export type StaffActionFn = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * THE server action wrapper. Every staff action is one schema, one lib/ function and this:
 *
 *   export const setStaffRoleAction = staffAction(
 *     { name: "setStaffRole", role: "admin", schema: setStaffRoleSchema, returnTo: "/staff/users" },
 *     async ({ user, input }) => {
 *       const updated = await setStaffRole(getDb(), user.id, input.userId, input.role);
 *       revalidatePath("/staff/users");
 *       return `${updated.name} is now ${STAFF_ROLE_LABELS[updated.role]}.`;
 *     },
 *   );
 *
 * It checks the session and role on the server (anonymous: redirect to sign-in; wrong role: 403 via
 * forbidden()), parses the FormData with the schema, calls `fn` with typed input, and turns expected
 * domain errors into the form's ActionState (field errors and a message, with what the person typed).
 * Unexpected errors are logged by name and code only (never the form: patient data) and answered with
 * a generic message. `fn` returns the success message, or a full ActionState. redirect() works inside.
 */
export function staffAction<R extends StaffRole | null, S extends z.ZodType>(
  config: StaffActionConfig<R, S>,
  fn: (input: StaffActionInput<R, S>) => Promise<ActionState | string>,
): StaffActionFn {
  return async (_prev, form) => {
    const returnTo = typeof config.returnTo === "function" ? config.returnTo(form) : config.returnTo;
    // Outside the try: redirect() and forbidden() must reach Next.js.
    const user = config.role === null ? null : await requireStaff(config.role, returnTo, { allowPending: config.allowPending === true });
    try {
      const input = parseInput(config.schema, (config.fromForm ?? formObject)(form), config.invalidMessage);
      const result = await fn({ user: user as StaffActionInput<R, S>["user"], input, form, headers: await headers() });
      if (typeof result === "string") return { status: "ok", message: result };
      return result.status === "error" || result.status === "conflict" ? { values: typedValues(form), ...result } : result;
    } catch (error) {
      unstable_rethrow(error);
      return { ...actionStateOf(config.name, error), values: typedValues(form) };
    }
  };
}

/** The ONE mapper from a thrown value to a form's ActionState (logging the unexpected ones). */
export function actionStateOf(name: string, error: unknown): ActionState {
  if (error instanceof DomainError) {
    if (error instanceof InvalidError) return { status: "error", message: error.message, fields: fieldsState(error) };
    if (error instanceof ConflictError) return { status: "conflict", message: error.message };
    if (error instanceof RateLimitedError) {
      return { status: "error", message: `Too many attempts. Please wait ${error.retryAfterSeconds} seconds and try again.` };
    }
    if (error instanceof UnavailableError) return { status: "error", message: UNAVAILABLE_ACTION_MESSAGE };
    if (error instanceof UnauthenticatedError) return { status: "error", message: "Your session has ended. Please sign in again." };
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return { status: "error", message: error.message };
    return { status: "error", message: error.message };
  }
  const err = { name: (error as Error | undefined)?.name, code: (error as { code?: unknown } | undefined)?.code };
  if (isDatabaseUnavailableError(error)) {
    logger.warn({ action: name, err }, "store unavailable");
    return { status: "error", message: UNAVAILABLE_ACTION_MESSAGE };
  }
  logger.error({ action: name, err }, "staff action failed");
  return { status: "error", message: UNEXPECTED_ACTION_MESSAGE };
}

function fieldsState(error: InvalidError): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [path, message] of error.fields) {
    if (count++ >= MAX_FIELD_ERRORS) break;
    Object.defineProperty(out, path, { value: message, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Fields never sent back to a form after an error: passwords, TOTP and backup codes, secrets,
 * tokens. Exact names (any dotted prefix: "account.password"), so "address.postalCode" is echoed.
 */
export const SECRET_FIELD_NAMES: ReadonlySet<string> = new Set([
  "password",
  "currentPassword",
  "newPassword",
  "confirmPassword",
  "totpCode",
  "backupCode",
  "code",
  "secret",
  "token",
]);
const isSecret = (name: string) => SECRET_FIELD_NAMES.has(name.slice(name.lastIndexOf(".") + 1));
const isInternal = (name: string) => name.startsWith("$");

/** The form's text fields, except secrets, to put back into the form after an error. */
function typedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || isInternal(name) || isSecret(name) || Object.hasOwn(out, name)) continue;
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Default FormData -> object: text fields, first value of each name, "a.b" nested as { a: { b } }.
 * A blank field is an unanswered one (absent), as HTML forms send "" for every empty input.
 */
export function formObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of form) {
    if (typeof value !== "string" || isInternal(name) || value.trim() === "") continue;
    const parts = name.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
      else node = node[part] = Object.create(null) as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] ?? name;
    if (!Object.hasOwn(node, last)) node[last] = value;
  }
  return out;
}
