"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/lib/db/client";
import {
  createStaffUser,
  createStaffUserSchema,
  deactivateStaffUser,
  reactivateStaffUser,
  resetStaffPassword,
  resetStaffPasswordSchema,
  resetStaffTwoFactor,
  setStaffRole,
  setStaffRoleSchema,
  staffUserIdSchema,
} from "@/lib/staff/users";
import { staffAction } from "@/lib/workspace/staff-action";

/** The admin's staff accounts page (/staff/users, decision 015): each is `staffAction(config, fn)`, admin only. */

export const createStaffUserAction = staffAction(
  { name: "createStaffUser", role: "admin", schema: createStaffUserSchema, returnTo: "/staff/users", invalidMessage: "Some account details need another look." },
  async ({ user, input }) => {
    const created = await createStaffUser(getDb(), input, user.id);
    revalidatePath("/staff/users");
    return `Account created for ${created.email}. Share the password with them in person or by phone, not by email.`;
  },
);

export const setStaffRoleAction = staffAction(
  { name: "setStaffRole", role: "admin", schema: setStaffRoleSchema, returnTo: "/staff/users" },
  async ({ user, input }) => {
    const updated = await setStaffRole(getDb(), user.id, input.userId, input.role);
    revalidatePath("/staff/users");
    return `${updated.name} is now ${updated.role === "admin" ? "an admin" : "front desk"}.`;
  },
);

export const deactivateStaffUserAction = staffAction(
  { name: "deactivateStaffUser", role: "admin", schema: staffUserIdSchema, returnTo: "/staff/users" },
  async ({ user, input }) => {
    const updated = await deactivateStaffUser(getDb(), user.id, input.userId);
    revalidatePath("/staff/users");
    return `${updated.name} is deactivated: signed out everywhere, and sign-in is refused until you reactivate the account.`;
  },
);

export const reactivateStaffUserAction = staffAction(
  { name: "reactivateStaffUser", role: "admin", schema: staffUserIdSchema, returnTo: "/staff/users" },
  async ({ user, input }) => {
    const updated = await reactivateStaffUser(getDb(), user.id, input.userId);
    revalidatePath("/staff/users");
    return `${updated.name} can sign in again.`;
  },
);

export const resetStaffPasswordAction = staffAction(
  { name: "resetStaffPassword", role: "admin", schema: resetStaffPasswordSchema, returnTo: "/staff/users", invalidMessage: "The temporary password needs another look." },
  async ({ user, input }) => {
    const updated = await resetStaffPassword(getDb(), user.id, input);
    revalidatePath("/staff/users");
    return `Temporary password set for ${updated.name}; they are signed out and must choose their own password at their next sign-in. Tell them in person or by phone, not by email.`;
  },
);

export const resetStaffTwoFactorAction = staffAction(
  { name: "resetStaffTwoFactor", role: "admin", schema: staffUserIdSchema, returnTo: "/staff/users" },
  async ({ user, input }) => {
    const updated = await resetStaffTwoFactor(getDb(), user.id, input.userId);
    revalidatePath("/staff/users");
    return `Two-factor sign-in is off for ${updated.name}: they sign in with their password and can set it up again.`;
  },
);
