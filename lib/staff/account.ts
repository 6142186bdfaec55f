import "server-only";

import QRCode from "qrcode";
import { z } from "zod";

import { getClinicSettings } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { ConflictError, InvalidError, RateLimitedError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { staffAuthFor, TWO_FACTOR_ISSUER } from "@/lib/staff/auth";
import { passOnAuthCookies } from "@/lib/staff/auth-cookies";
import { staffPasswordSchema } from "@/lib/staff/password-policy";
import type { StaffUser } from "@/lib/staff/require-staff";

/**
 * A staff member's own account (any role): change the password (also the forced change after the
 * admin's reset), enrol in two-factor sign-in (Better Auth's twoFactor plugin: TOTP + backup codes)
 * and turn it off. Called by the account pages' actions with the browser's request headers, so
 * Better Auth sees the session; where Better Auth replaces the session (password change, the
 * enrolment's confirmation, turning it off) the new cookie is passed on explicitly (passOnAuthCookies).
 */

const presentPassword = (message: string) => z.string({ error: message }).min(1, { error: message }).max(256, { error: message });

export const changePasswordSchema = z
  .strictObject({
    currentPassword: presentPassword("Please enter your current password."),
    newPassword: staffPasswordSchema,
    confirmPassword: z.string({ error: "Please type the new password again." }),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords are not the same." });
    }
    if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a new password, not the current one." });
    }
  });

export const startTwoFactorSchema = z.strictObject({ password: presentPassword("Please enter your password to set up two-factor sign-in.") });
export const disableTwoFactorSchema = z.strictObject({ password: presentPassword("Please enter your password to turn off two-factor sign-in.") });
export const regenerateBackupCodesSchema = z.strictObject({ password: presentPassword("Please enter your password to generate new backup codes.") });
export const confirmTwoFactorSchema = z.strictObject({
  totpCode: z
    .string({ error: "Enter the 6-digit code from your authenticator app." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, { error: "Enter the 6-digit code from your authenticator app." })),
});

/** The code Better Auth gave a refusal ("INVALID_PASSWORD", "INVALID_CODE"), if it is one. */
function authErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("body" in error)) return undefined;
  const body = (error as { body?: unknown }).body;
  const code = typeof body === "object" && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

const wrongPassword = (field: string) => new InvalidError("That password is not right.", { [field]: "That is not your current password." }, "invalid_password");

/** Changes the signed-in person's password; other sessions are signed out; a temporary password is done with. */
export async function changeOwnPassword(db: Db, requestHeaders: Headers, user: StaffUser, input: z.output<typeof changePasswordSchema>): Promise<void> {
  try {
    const { headers } = await staffAuthFor(db).api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers: requestHeaders,
      returnHeaders: true,
    });
    await passOnAuthCookies(headers.getSetCookie());
  } catch (error) {
    if (authErrorCode(error) === "INVALID_PASSWORD") throw wrongPassword("currentPassword");
    throw error;
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { mustChangePassword: false } });
    await recordAudit(tx, { actorId: user.id, type: "staff_password_changed", data: { userId: user.id } });
  });
}

export interface TwoFactorEnrolment {
  /** otpauth:// URI (what the QR code holds). */
  totpURI: string;
  /** The same secret in base32, grouped by 4 for typing into an app by hand. */
  secret: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/**
 * Step 1 of enrolment (password confirmed): a new secret, not active until a code confirms it. Starting
 * again replaces an unconfirmed secret. Throws InvalidError for a wrong password, ConflictError when
 * two-factor sign-in is already on.
 */
export async function startTwoFactorEnrolment(db: Db, requestHeaders: Headers, password: string): Promise<TwoFactorEnrolment> {
  let totpURI: string;
  try {
    const enabled = await staffAuthFor(db).api.enableTwoFactor({ body: { password, method: "totp", issuer: TWO_FACTOR_ISSUER }, headers: requestHeaders });
    if (enabled.method !== "totp") throw new Error("twoFactor.enable did not answer with a TOTP secret");
    totpURI = enabled.totpURI;
  } catch (error) {
    const code = authErrorCode(error);
    if (code === "INVALID_PASSWORD") throw wrongPassword("password");
    if (code === "TOTP_ALREADY_ENABLED") throw new ConflictError("Two-factor sign-in is already on for your account.", "already_enabled");
    throw error;
  }
  const raw = new URL(totpURI).searchParams.get("secret") ?? "";
  const qrSvg = await QRCode.toString(totpURI, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 200 });
  return { totpURI, secret: raw.replace(/(.{4})/g, "$1 ").trim(), qrSvg };
}

/**
 * Step 2: the first code from the app confirms the secret; two-factor sign-in is on from now on.
 * Returns the backup codes, to be shown this once (they are stored encrypted).
 */
export async function confirmTwoFactorEnrolment(db: Db, requestHeaders: Headers, user: StaffUser, totpCode: string): Promise<string[]> {
  const auth = staffAuthFor(db);
  try {
    const { headers } = await auth.api.verifyTOTP({ body: { code: totpCode }, headers: requestHeaders, returnHeaders: true });
    await passOnAuthCookies(headers.getSetCookie());
  } catch (error) {
    const code = authErrorCode(error);
    if (code === "INVALID_CODE") {
      throw new InvalidError("That code is not right.", { totpCode: "That code is not right (or has expired). Enter the code your app shows now." }, "invalid_code");
    }
    if (code === "TOTP_NOT_ENABLED") throw new ConflictError("Start the set-up again: no secret is waiting to be confirmed.", "not_started");
    if (code === "ACCOUNT_TEMPORARILY_LOCKED") throw new RateLimitedError(900);
    throw error;
  }
  const { backupCodes } = await auth.api.viewBackupCodes({ body: { userId: user.id } });
  await recordAudit(db, { actorId: user.id, type: "staff_two_factor_enabled", data: { userId: user.id } });
  return backupCodes;
}

/** Turns two-factor sign-in off (password confirmed), unless the clinic requires it for this admin. */
export async function disableOwnTwoFactor(db: Db, requestHeaders: Headers, user: StaffUser, password: string): Promise<void> {
  if (user.role === "admin" && (await getClinicSettings(db, 0)).requireTwoFactorForAdmins) {
    throw new ConflictError("The clinic requires two-factor sign-in for admins, so it cannot be turned off.", "required");
  }
  try {
    const { headers } = await staffAuthFor(db).api.disableTwoFactor({ body: { password }, headers: requestHeaders, returnHeaders: true });
    await passOnAuthCookies(headers.getSetCookie());
  } catch (error) {
    if (authErrorCode(error) === "INVALID_PASSWORD") throw wrongPassword("password");
    throw error;
  }
  await recordAudit(db, { actorId: user.id, type: "staff_two_factor_disabled", data: { userId: user.id } });
}

/**
 * New backup codes (password confirmed, as Better Auth's generateBackupCodes requires): the old ones
 * stop working at once. Returns the new codes, to be shown this once; the audit row has ids only.
 * Throws InvalidError for a wrong password, ConflictError when two-factor sign-in is off.
 */
export async function regenerateBackupCodes(db: Db, requestHeaders: Headers, user: StaffUser, password: string): Promise<string[]> {
  let backupCodes: string[];
  try {
    ({ backupCodes } = await staffAuthFor(db).api.generateBackupCodes({ body: { password }, headers: requestHeaders }));
  } catch (error) {
    const code = authErrorCode(error);
    if (code === "INVALID_PASSWORD") throw wrongPassword("password");
    if (code === "TWO_FACTOR_NOT_ENABLED") throw new ConflictError("Two-factor sign-in is off for your account, so it has no backup codes.", "not_enabled");
    throw error;
  }
  await recordAudit(db, { actorId: user.id, type: "staff_backup_codes_regenerated", data: { userId: user.id, count: backupCodes.length } });
  return backupCodes;
}

/**
 * How many backup codes are still unused (Better Auth removes a code from the stored, encrypted list
 * when it signs someone in), or null when two-factor sign-in is off. Only the count leaves this function.
 */
export async function unusedBackupCodeCount(db: Db, userId: string): Promise<number | null> {
  if ((await db.twoFactor.count({ where: { userId } })) === 0) return null;
  const { backupCodes } = await staffAuthFor(db).api.viewBackupCodes({ body: { userId } });
  return backupCodes.length;
}

/** The account page's view of the signed-in person's two-factor sign-in. */
export async function twoFactorStatus(
  db: Db,
  userId: string,
): Promise<{ enabled: boolean; required: boolean; role: string; unusedBackupCodes: number | null }> {
  const [user, settings] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { twoFactorEnabled: true, role: true } }),
    getClinicSettings(db, 0),
  ]);
  const unusedBackupCodes = user.twoFactorEnabled ? await unusedBackupCodeCount(db, userId) : null;
  return { enabled: user.twoFactorEnabled, required: user.role === "admin" && settings.requireTwoFactorForAdmins, role: user.role, unusedBackupCodes };
}
