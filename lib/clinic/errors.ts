/**
 * Domain errors of lib/clinic. TEMPORARY home: the project's lib/errors.ts (issue 8) is not on main
 * yet; these mirror its ConflictError / InvalidError (message, `reason`, `fields` as a Map of field
 * path -> message) and will be replaced by them when it lands. No HTTP status here.
 */
import type { z } from "zod";

export abstract class ClinicDomainError extends Error {
  readonly reason: string | undefined;
  protected constructor(message: string, reason?: string) {
    super(message);
    this.name = new.target.name;
    this.reason = reason;
  }
}

export const CLINIC_STALE_VERSION_MESSAGE =
  "Someone else saved these details while you were editing. Reload the page to see their version, then make your change again.";

/** The row changed since the caller read it (optimistic concurrency): reason "stale_version". */
export class ClinicConflictError extends ClinicDomainError {
  constructor(message: string = CLINIC_STALE_VERSION_MESSAGE, reason = "stale_version") {
    super(message, reason);
  }
}

/** The input breaks a rule; `fields` maps each offending field path ("address.city") to its message. */
export class ClinicInvalidError extends ClinicDomainError {
  readonly fields: ReadonlyMap<string, string>;
  constructor(message: string, fields: ReadonlyMap<string, string> = new Map()) {
    super(message);
    this.fields = fields;
  }
}

export const CLINIC_INVALID_MESSAGE = "Some details need another look.";

/** Parses with `schema` or throws a ClinicInvalidError naming every field (first message per path). */
export function parseClinicInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        if (!fields.has(path)) fields.set(path, issue.message);
      }
      continue;
    }
    const path = base || "_root";
    if (!fields.has(path)) fields.set(path, issue.message);
  }
  throw new ClinicInvalidError(CLINIC_INVALID_MESSAGE, fields);
}
