"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { updateClinicSettings } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { eraseLeadFormSchema, retentionFormSchema } from "@/lib/leads/erase-input";
import { eraseLead } from "@/lib/leads/erase-lead";
import {
  deactivateStaffUser,
  reactivateStaffUser,
  resetStaffPassword,
  resetStaffPasswordSchema,
  resetStaffTwoFactor,
  staffUserIdSchema,
} from "@/lib/staff/users";
import { staffAction } from "@/lib/workspace/staff-action";

/**
 * Server actions of the admin pages (issue 11). Each is `staffAction(config, fn)`
 * (lib/workspace/staff-action.ts): session and admin role checked on the server, the form parsed
 * with the shared schema, errors mapped; `fn` calls the same lib function as the API.
 */

const formText = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/** Erase on request from the lead page: the admin types ERASE; `person` erases every inquiry of the same person. */
export const eraseLeadAction = staffAction(
  {
    name: "eraseLead",
    role: "admin",
    schema: eraseLeadFormSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
    invalidMessage: "Nothing was erased.",
  },
  async ({ user, input }) => {
    const erased = (await eraseLead(getDb(), user.id, input.leadId, { person: input.person === "1" })).erasedIds.length;
    revalidatePath("/staff");
    redirect(`/staff?erased=${erased}`);
  },
);

/** Retention on or off (clinic setting retentionMonths); the page showed the preview count before this. */
export const saveRetentionAction = staffAction(
  { name: "saveRetention", role: "admin", schema: retentionFormSchema, returnTo: "/staff/data-protection", invalidMessage: "Nothing was saved." },
  async ({ user, input }) => {
    const retentionMonths = input.retentionMonths === "off" ? null : input.retentionMonths;
    await updateClinicSettings(getDb(), { retentionMonths }, user.id, input.version);
    revalidatePath("/staff/data-protection");
    return retentionMonths === null
      ? "Retention is off: inquiries are kept until someone erases them."
      : `Saved. Inquiries that never became patients are erased ${retentionMonths} months after they arrive (checked every hour).`;
  },
);

// --- staff accounts (/staff/users) -----------------------------------------------------------------

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
