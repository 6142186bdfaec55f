import { z } from "zod";

import { singleLineText } from "@/lib/validation/text";

/**
 * Staff password rules (NIST SP 800-63B style): length is what matters, so no composition rules.
 * - 12 to 128 characters (Better Auth enforces the same bounds: minPasswordLength / maxPasswordLength);
 * - not only whitespace, and not the email address itself or a trivially repeated character;
 * Passwords are hashed by Better Auth (scrypt); no code of ours ever stores or logs one.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_RULES_TEXT = `At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_LENGTH}). A few unrelated words make a strong, memorable password.`;

export const staffPasswordSchema = z
  .string({ error: "Please enter a password." })
  .min(PASSWORD_MIN_LENGTH, { error: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.` })
  .max(PASSWORD_MAX_LENGTH, { error: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.` })
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, {
    error: `The password must contain at least ${PASSWORD_MIN_LENGTH} characters that are not spaces.`,
  })
  .refine((value) => new Set(value).size >= 4, { error: "The password is too simple: use more different characters." });

export const staffEmailSchema = singleLineText({ error: "Please enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "The email address is too long." })
  .pipe(z.email({ error: "Please enter a valid email address, e.g. name@clinic.com." }));

/** The longest staff name (the form's field reads it too). */
export const STAFF_NAME_MAX = 100;

export const staffNameSchema = singleLineText({ error: "Please enter a name." })
  .trim()
  .min(1, { error: "Please enter a name." })
  .max(STAFF_NAME_MAX, { error: `Please keep the name to ${STAFF_NAME_MAX} characters or fewer.` });
