import "server-only";

import { z } from "zod";

import type { Db } from "@/lib/db/client";
import { ConflictError, firstFieldMessage, InvalidError, NotFoundError, parseInput } from "@/lib/errors";
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

export interface StaffUserRow extends StaffUser {
  createdAt: Date;
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
      return { id: user.id, email: user.email, name: user.name, role, createdAt: user.createdAt };
    });
  } catch (e) {
    if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002") {
      throw duplicateEmail(email);
    }
    throw e;
  }
}

/** Every staff account, admins first, then by name. */
export async function listStaffUsers(db: Db): Promise<StaffUserRow[]> {
  const rows = await db.user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return rows
    .filter((row): row is typeof row & { role: StaffRole } => isStaffRole(row.role))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "admin" ? -1 : 1));
}

/**
 * Changes a staff member's role (admin only; the caller checks). The last admin cannot be demoted,
 * so the clinic can never lock itself out of the admin pages. Recorded in the audit log.
 */
export async function setStaffRole(db: Db, actorId: string, userId: string, roleInput: unknown): Promise<StaffUserRow> {
  const { role } = parseInput(setStaffRoleSchema.pick({ role: true }), { role: roleInput }, 'The role must be "admin" or "front_desk".');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("This staff account does not exist.");
    if (user.role === "admin" && role !== "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) throw new ConflictError("This is the only admin account: make someone else admin first.", "last_admin");
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    if (user.role !== role) {
      await tx.leadEvent.create({
        data: { type: "staff_role_changed", actorId, data: { userId, from: user.role, to: role } },
      });
    }
    return { id: updated.id, email: updated.email, name: updated.name, role, createdAt: updated.createdAt };
  });
}
