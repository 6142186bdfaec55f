"use server";

import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { staffAction } from "@/lib/workspace/staff-action";
import { getDb } from "@/lib/db/client";
import { getClinicProfile } from "@/lib/clinic/store";
import { followUpInstant } from "@/lib/leads/lead-filters";
import { mergeLead } from "@/lib/leads/lead-merge";
import { followUpFormSchema, leadPatchFromForm, leadPatchSchema, mergeFormSchema } from "@/lib/leads/lead-patch";
import { updateLead } from "@/lib/leads/lead-workflow";
import { publishPriceTableFromForm, publishPriceTableSchema, restorePriceTableSchema } from "@/lib/pricing/price-table";
import { publishPriceTable, restorePriceTableVersion } from "@/lib/pricing/price-table-store";
import { getStaffAuth } from "@/lib/staff/auth";
import { SIGN_IN_PATH } from "@/lib/staff/require-staff";
import { signInSchema, signInWithPassword } from "@/lib/staff/sign-in";
import { createStaffUser, createStaffUserSchema, setStaffRole, setStaffRoleSchema } from "@/lib/staff/users";

/**
 * Server actions of the staff area. Each one is `staffAction(config, fn)` (lib/workspace/staff-action.ts):
 * the wrapper checks the session and role on the server (an action is a public POST endpoint whatever
 * page shows its form), parses the FormData with the shared schema and maps errors; `fn` calls the
 * same lib function as the API and returns the success message.
 */

const formText = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

// --- sign in / out -------------------------------------------------------------------------------

/** Only paths inside the staff area: never an open redirect. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/staff(\/[\w\-./%?=&]*)?$/.test(value) && !value.startsWith("//") && !value.includes("..") ? value : "/staff";
}

export const signInAction = staffAction(
  { name: "signIn", role: null, schema: signInSchema, invalidMessage: "Please fill in both fields." },
  async ({ input, headers: requestHeaders }) => {
    const outcome = await signInWithPassword(requestHeaders, input.email, input.password);
    if (!outcome.ok) {
      if (outcome.reason === "rate_limited") {
        return {
          status: "error",
          message: `Too many sign-in attempts. Please wait ${outcome.retryAfterSeconds ?? 60} seconds and try again.`,
        };
      }
      if (outcome.reason === "unavailable") return { status: "error", message: "Signing in is briefly unavailable. Please try again in a moment." };
      return { status: "error", message: "The email or password is not right. Please try again." };
    }
    const jar = await cookies();
    for (const line of outcome.setCookies) {
      parseSetCookieHeader(line).forEach((value, name) => {
        if (name) jar.set(name, value.value, toCookieOptions(value));
      });
    }
    redirect(safeReturnTo(input.returnTo));
  },
);

export async function signOutAction(): Promise<void> {
  try {
    await getStaffAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out: nothing to revoke.
  }
  redirect(SIGN_IN_PATH);
}

// --- inquiries ----------------------------------------------------------------------------------

/**
 * One action for the detail page's forms (status, assignee, note): the form's fields become the
 * PATCH body of the API (`leadPatchSchema`), including the `version` the page was rendered with.
 */
export const updateLeadAction = staffAction(
  {
    name: "updateLead",
    role: "front_desk",
    schema: leadPatchSchema,
    fromForm: leadPatchFromForm,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input, form }) => {
    const leadId = formText(form, "leadId");
    await updateLead(getDb(), user.id, leadId, input);
    revalidatePath(`/staff/leads/${leadId}`);
    revalidatePath("/staff");
    const noteOnly = input.note !== undefined && input.status === undefined && input.assigneeId === undefined && input.closedReason === undefined;
    return noteOnly ? "Note added." : "Saved.";
  },
);

// --- admin: price table ---------------------------------------------------------------------------

export const publishPriceTableAction = staffAction(
  {
    name: "publishPriceTable",
    role: "admin",
    schema: publishPriceTableSchema,
    fromForm: publishPriceTableFromForm,
    returnTo: "/staff/prices",
    invalidMessage: "Some prices need another look. Nothing was published.",
  },
  async ({ user, input: { note, baseVersion, ...rows } }) => {
    const published = await publishPriceTable(getDb(), rows, user.id, { note: note ?? null, ...(baseVersion === undefined ? {} : { expectedActiveVersion: baseVersion }) });
    revalidatePath("/staff/prices");
    return `Version ${published.version} is now the active price table. Saved inquiries keep the version they were quoted from.`;
  },
);

export const restorePriceTableAction = staffAction(
  { name: "restorePriceTable", role: "admin", schema: restorePriceTableSchema, returnTo: "/staff/prices" },
  async ({ user, input }) => {
    const published = await restorePriceTableVersion(getDb(), input.version, user.id, input.baseVersion === undefined ? {} : { expectedActiveVersion: input.baseVersion });
    revalidatePath("/staff/prices");
    return `Version ${input.version} is restored as version ${published.version}, now the active price table. Saved inquiries keep the version they were quoted from.`;
  },
);

// --- admin: staff accounts --------------------------------------------------------------------------

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

/** The lead page's follow-up form: a quick choice (tomorrow, in 3 days, in a week), a date or none, and a note. */
export const setFollowUpAction = staffAction(
  {
    name: "setFollowUp",
    role: "front_desk",
    schema: followUpFormSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input }) => {
    const db = getDb();
    const followUpAt = followUpInstant(input, (await getClinicProfile(db)).timeZone);
    await updateLead(db, user.id, input.leadId, {
      followUpAt,
      ...(followUpAt && input.note ? { followUpNote: input.note } : {}),
      version: input.version,
    });
    revalidatePath(`/staff/leads/${input.leadId}`);
    revalidatePath("/staff");
    return followUpAt ? "Follow-up saved." : "Follow-up cleared.";
  },
);

/** The lead page's "merge into": this inquiry becomes a tombstone of the chosen related one; then that one opens. */
export const mergeLeadAction = staffAction(
  {
    name: "mergeLead",
    role: "front_desk",
    schema: mergeFormSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input }) => {
    await mergeLead(getDb(), user.id, input.leadId, { intoId: input.intoId, version: input.version });
    revalidatePath("/staff");
    redirect(`/staff/leads/${encodeURIComponent(input.intoId)}?merged=1`);
  },
);
