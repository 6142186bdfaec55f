import "server-only";

import { z } from "zod";

import { type Db, type DbTransaction, dbProviderOf } from "@/lib/db/client";
import { ConflictError, firstFieldMessage, InvalidError, NotFoundError, parseInput } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { assignmentRefusal } from "@/lib/staff/assignable";
import { staffAuthFor } from "@/lib/staff/auth";
import { staffEmailSchema, staffNameSchema, staffPasswordSchema } from "@/lib/staff/password-policy";
import type { StaffUser } from "@/lib/staff/require-staff";
import { isStaffRole, staffRoleSchema, type StaffRole } from "@/lib/staff/roles";

/** Staff accounts: created only here (CLI, admin page, development seed), never by public sign-up. */

export const createStaffUserSchema = z.strictObject({
  email: staffEmailSchema,
  password: staffPasswordSchema,
  role: staffRoleSchema,
  name: staffNameSchema.optional(),
});
export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;

/** The admin page's role form (and the API's, when there is one). */
export const setStaffRoleSchema = z.strictObject({
  userId: z.string({ error: "Choose a staff account." }).trim().min(1, { error: "Choose a staff account." }).max(64),
  role: staffRoleSchema,
});

/** Deactivate / reactivate / remove two-factor: the account only. */
export const staffUserIdSchema = z.strictObject({
  userId: z.string({ error: "Choose a staff account." }).trim().min(1, { error: "Choose a staff account." }).max(64),
});

/** The admin's reset: a temporary password the person must change at their next sign-in. */
export const resetStaffPasswordSchema = z.strictObject({
  userId: staffUserIdSchema.shape.userId,
  password: staffPasswordSchema,
});

export interface StaffUserRow extends StaffUser {
  createdAt: Date;
  /** null = active. */
  deactivatedAt: Date | null;
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
}

const ROW_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
  deactivatedAt: true,
  twoFactorEnabled: true,
  mustChangePassword: true,
} as const;

type SelectedUser = { [K in keyof typeof ROW_SELECT]: K extends "role" ? string : StaffUserRow[K & keyof StaffUserRow] };

function rowOf(user: SelectedUser, role: StaffRole): StaffUserRow {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    createdAt: user.createdAt,
    deactivatedAt: user.deactivatedAt,
    twoFactorEnabled: user.twoFactorEnabled,
    mustChangePassword: user.mustChangePassword,
  };
}

const duplicateEmail = (email: string) =>
  new InvalidError(`An account with the email ${email} already exists.`, { email: "An account with this email already exists." }, "duplicate_email");

/** "ana.lopez@clinic.com" -> "Ana Lopez" when no name is given. */
function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ") || email;
}

/**
 * Creates a staff account with a password hashed by Better Auth (the same hasher sign-in verifies
 * with) and a credential account row, as Better Auth's own sign-up does. Throws InvalidError (with
 * field paths) for a bad email, a weak password, a bad role or an email already in use.
 */
export async function createStaffUser(db: Db, input: unknown, actorId: string | null = null): Promise<StaffUserRow> {
  const parsed = parseInput(createStaffUserSchema, input, firstFieldMessage("Invalid account details."));
  const { email, password, role } = parsed;
  const name = parsed.name ?? nameFromEmail(email);

  const ctx = await staffAuthFor(db).$context;
  if (await ctx.internalAdapter.findUserByEmail(email)) {
    throw duplicateEmail(email);
  }
  const hash = await ctx.password.hash(password);
  try {
    return await db.$transaction(async (tx) => {
      const id = ctx.generateId({ model: "user" }) || crypto.randomUUID();
      const user = await tx.user.create({ data: { id, email, name, role, emailVerified: true } });
      await tx.account.create({
        data: {
          id: ctx.generateId({ model: "account" }) || crypto.randomUUID(),
          userId: user.id,
          accountId: user.id,
          providerId: "credential",
          password: hash,
        },
      });
      await tx.leadEvent.create({ data: { type: "staff_created", actorId, data: { userId: user.id, role } } });
      return rowOf(user, role);
    });
  } catch (e) {
    if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002") {
      throw duplicateEmail(email);
    }
    throw e;
  }
}

/** Every staff account: active admins first, then active front desk, then deactivated; by name. */
export async function listStaffUsers(db: Db): Promise<StaffUserRow[]> {
  const rows = await db.user.findMany({ select: ROW_SELECT, orderBy: [{ name: "asc" }, { email: "asc" }] });
  const rank = (row: StaffUserRow) => (row.deactivatedAt ? 2 : row.role === "admin" ? 0 : 1);
  return rows
    .filter((row): row is typeof row & { role: StaffRole } => isStaffRole(row.role))
    .map((row) => rowOf(row, row.role))
    .sort((a, b) => rank(a) - rank(b));
}

const LAST_ADMIN_MESSAGE = {
  demote: "This is the only active admin account: make someone else admin first.",
  deactivate: "This is the only active admin account: it cannot be deactivated. Make someone else admin first.",
} as const;

/**
 * Inside the transaction that removes an admin (demotion or deactivation): throws ConflictError
 * "last_admin" unless another ACTIVE admin remains. On PostgreSQL the active admins' rows are
 * locked first (SELECT ... FOR UPDATE), so two admins removing each other at the same moment
 * cannot both pass the check: the second waits, then counts again. SQLite runs one write
 * transaction at a time (one connection per process, the database lock across processes).
 */
async function assertAnotherActiveAdmin(db: Db, tx: DbTransaction, userId: string, action: keyof typeof LAST_ADMIN_MESSAGE): Promise<void> {
  if (dbProviderOf(db) === "postgresql") {
    await tx.$queryRaw`SELECT "id" FROM "user" WHERE "role" = 'admin' AND "deactivatedAt" IS NULL ORDER BY "id" FOR UPDATE`;
  }
  const others = await tx.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  if (others === 0) throw new ConflictError(LAST_ADMIN_MESSAGE[action], "last_admin");
}

async function findUserOrThrow(tx: DbTransaction, userId: string): Promise<SelectedUser & { role: StaffRole }> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: ROW_SELECT });
  if (!user || !isStaffRole(user.role)) throw new NotFoundError("This staff account does not exist.");
  return user as SelectedUser & { role: StaffRole };
}

/**
 * Changes a staff member's role (admin only; the caller checks). The last active admin cannot be
 * demoted, so the clinic can never lock itself out of the admin pages. Recorded in the audit log.
 */
export async function setStaffRole(db: Db, actorId: string, userId: string, roleInput: unknown): Promise<StaffUserRow> {
  const { role } = parseInput(setStaffRoleSchema.pick({ role: true }), { role: roleInput }, 'The role must be "admin" or "front_desk".');
  return db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    if (user.role === "admin" && role !== "admin" && !user.deactivatedAt) await assertAnotherActiveAdmin(db, tx, userId, "demote");
    const updated = await tx.user.update({ where: { id: userId }, data: { role }, select: ROW_SELECT });
    if (user.role !== role) {
      await recordAudit(tx, { actorId, type: "staff_role_changed", data: { userId, from: user.role, to: role } });
    }
    return rowOf(updated, role);
  });
}

/**
 * Deactivates an account: sign-in is refused from now on (lib/staff/auth.ts, the session hook) and
 * every session of the account is deleted in the same transaction, so a browser that is signed in
 * right now is refused on its very next request (no cookie cache). The last active admin cannot be
 * deactivated; nor can the admin deactivate themself (they would lock themself out mid-click).
 */
export async function deactivateStaffUser(db: Db, actorId: string, userId: string, now: Date = new Date()): Promise<StaffUserRow> {
  if (userId === actorId) throw new ConflictError("You cannot deactivate your own account. Ask another admin.", "self");
  return db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    if (user.deactivatedAt) return rowOf(user, user.role);
    if (user.role === "admin") await assertAnotherActiveAdmin(db, tx, userId, "deactivate");
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now }, select: ROW_SELECT });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId, type: "staff_deactivated", data: { userId, sessionsRevoked: count } });
    return rowOf(updated, user.role);
  });
}

/** Reactivates an account: the person can sign in again with their password (and second factor). */
export async function reactivateStaffUser(db: Db, actorId: string, userId: string): Promise<StaffUserRow> {
  return db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    if (!user.deactivatedAt) return rowOf(user, user.role);
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null }, select: ROW_SELECT });
    await recordAudit(tx, { actorId, type: "staff_reactivated", data: { userId } });
    return rowOf(updated, user.role);
  });
}

/**
 * The admin sets a temporary password: hashed by Better Auth, the account must change it at the next
 * sign-in (mustChangePassword: every staff page sends it to /staff/account/password first), and its
 * sessions are revoked, so whoever is signed in with the old password is out. Not for the admin's
 * own account (they change their own password on the account page).
 */
export async function resetStaffPassword(db: Db, actorId: string, input: unknown): Promise<StaffUserRow> {
  const { userId, password } = parseInput(resetStaffPasswordSchema, input, firstFieldMessage("The temporary password needs another look."));
  if (userId === actorId) throw new ConflictError("Change your own password on your account page.", "self");
  const hash = await (await staffAuthFor(db).$context).password.hash(password);
  return db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    const { count: credentials } = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (credentials === 0) {
      await tx.account.create({ data: { id: crypto.randomUUID(), userId, accountId: userId, providerId: "credential", password: hash } });
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { mustChangePassword: true }, select: ROW_SELECT });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { actorId, type: "staff_password_reset", data: { userId, sessionsRevoked: count } });
    return rowOf(updated, user.role);
  });
}

/**
 * Removes someone's two-factor sign-in (they lost their phone and their backup codes): the next
 * sign-in needs the password only, and they can enrol again. Their sessions are revoked.
 */
export async function resetStaffTwoFactor(db: Db, actorId: string, userId: string): Promise<StaffUserRow> {
  if (userId === actorId) throw new ConflictError("Manage your own two-factor sign-in on your account page.", "self");
  return db.$transaction(async (tx) => {
    const user = await findUserOrThrow(tx, userId);
    await tx.twoFactor.deleteMany({ where: { userId } });
    const updated = await tx.user.update({ where: { id: userId }, data: { twoFactorEnabled: false }, select: ROW_SELECT });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    if (user.twoFactorEnabled) await recordAudit(tx, { actorId, type: "staff_two_factor_reset", data: { userId, sessionsRevoked: count } });
    return rowOf(updated, user.role);
  });
}

/**
 * Who an inquiry can be given to, by hand or in bulk: an active staff account (a deactivated one keeps
 * the inquiries it has, but gets no new ones). The rule: lib/staff/assignable.ts.
 */
export async function assertAssignableStaff(tx: DbTransaction, userId: string): Promise<void> {
  const assignee = await tx.user.findUnique({ where: { id: userId }, select: { role: true, deactivatedAt: true } });
  const refusal = assignmentRefusal(assignee, "by_hand");
  if (refusal === "not_staff") {
    throw new InvalidError("The assignee must be a staff member.", { assigneeId: "Unknown staff member." });
  }
  if (refusal === "deactivated") {
    throw new InvalidError("This staff account has been deactivated; choose someone else.", { assigneeId: "Deactivated account." });
  }
}
