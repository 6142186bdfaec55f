"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { staffAction } from "@/lib/workspace/staff-action";
import { getDb } from "@/lib/db/client";
import { getClinicProfile } from "@/lib/clinic/store";
import { followUpInstant } from "@/lib/leads/lead-filters";
import { bulkLeadNames, BulkConflictError, BulkRefusedError, bulkUpdateLeads } from "@/lib/leads/lead-bulk";
import { mergeLead } from "@/lib/leads/lead-merge";
import { followUpFormSchema, leadBulkFromForm, leadBulkSchema, leadPatchFromForm, leadPatchSchema, mergeFormSchema } from "@/lib/leads/lead-patch";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { updateLead } from "@/lib/leads/lead-workflow";
import { publishPriceTableFromForm, publishPriceTableSchema, restorePriceTableSchema } from "@/lib/pricing/price-table";
import { publishPriceTable, restorePriceTableVersion } from "@/lib/pricing/price-table-store";
import { getStaffAuth } from "@/lib/staff/auth";
import { SIGN_IN_PATH } from "@/lib/staff/require-staff";
import { completeTwoFactorSignIn, signInSchema, signInWithPassword, twoFactorSignInSchema } from "@/lib/staff/sign-in";
import { DEACTIVATED_MESSAGE } from "@/lib/staff/sign-in-messages";
import { passOnAuthCookies } from "@/lib/staff/auth-cookies";
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

const SIGN_IN_FAILURE_MESSAGES = {
  deactivated: DEACTIVATED_MESSAGE,
  unavailable: "Signing in is briefly unavailable. Please try again in a moment.",
  invalid_credentials: "The email or password is not right. Please try again.",
  invalid_code: "That code is not right. Enter the code your app shows now, or use a backup code.",
  expired: "This sign-in has expired or had too many wrong codes. Please sign in again with your password.",
  locked: "Too many wrong codes for this account: it is locked for 15 minutes. Ask the clinic admin if you lost your phone.",
} as const;

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
      return { status: "error", message: SIGN_IN_FAILURE_MESSAGES[outcome.reason] };
    }
    await passOnAuthCookies(outcome.setCookies);
    const returnTo = safeReturnTo(input.returnTo);
    redirect(outcome.twoFactor ? `/staff/sign-in/two-factor?returnTo=${encodeURIComponent(returnTo)}` : returnTo);
  },
);

/** The second step of a sign-in with two-factor (the pending sign-in is the signed cookie the first step set). */
export const twoFactorSignInAction = staffAction(
  { name: "twoFactorSignIn", role: null, schema: twoFactorSignInSchema, invalidMessage: "Please enter a code." },
  async ({ input, headers: requestHeaders }) => {
    const outcome = await completeTwoFactorSignIn(requestHeaders, input);
    if (!outcome.ok) {
      if (outcome.reason === "rate_limited") {
        return { status: "error", message: `Too many attempts. Please wait ${outcome.retryAfterSeconds ?? 10} seconds and try again.` };
      }
      const field = input.method === "totp" ? "totpCode" : "backupCode";
      const message = SIGN_IN_FAILURE_MESSAGES[outcome.reason];
      return outcome.reason === "invalid_code" ? { status: "error", message, fields: { [field]: message } } : { status: "error", message };
    }
    await passOnAuthCookies(outcome.setCookies);
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

// --- inbox: bulk changes --------------------------------------------------------------------------

/** "Dana Reyes, Ana Ruiz and 2 others" (at most five names in a message). */
function nameList(names: readonly string[]): string {
  const shown = names.slice(0, 5);
  const rest = names.length - shown.length;
  const parts = rest > 0 ? [...shown, `${rest} ${rest === 1 ? "other" : "others"}`] : shown;
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * The inbox's bulk bar: one status and/or assignee for the ticked inquiries, through the same domain
 * function as `POST /api/v1/leads/bulk` (one transaction, one audit row each). The rows' versions go
 * along, so an inquiry someone changed since the page was loaded is refused by name, not overwritten.
 */
export const bulkUpdateLeadsAction = staffAction(
  {
    name: "bulkUpdateLeads",
    role: "front_desk",
    schema: leadBulkSchema,
    fromForm: leadBulkFromForm,
    returnTo: "/staff",
    invalidMessage: "Nothing was changed.",
  },
  async ({ user, input }) => {
    const db = getDb();
    let updated: number;
    try {
      ({ updated } = await bulkUpdateLeads(db, user.id, input));
    } catch (error) {
      if (error instanceof BulkConflictError) {
        const names = await bulkLeadNames(db, error.leadIds);
        const who = nameList(error.leadIds.map((id) => names.get(id) ?? "an inquiry"));
        return { status: "conflict", message: `Nothing was changed: ${who} ${error.leadIds.length === 1 ? "was" : "were"} changed by someone else since this page was loaded. Reload the inbox and try again.` };
      }
      if (error instanceof BulkRefusedError) {
        const names = await bulkLeadNames(db, error.refused.map((r) => r.id));
        const gone = error.refused.filter((r) => r.reason === "missing");
        if (gone.length > 0) {
          return { status: "error", message: `Nothing was changed: ${gone.length === 1 ? "one selected inquiry no longer exists or was merged" : `${gone.length} selected inquiries no longer exist or were merged`}. Reload the inbox and try again.` };
        }
        const who = nameList(error.refused.map((r) => `${names.get(r.id) ?? "an inquiry"}${r.from ? ` (${LEAD_STATUS_LABELS[r.from]})` : ""}`));
        const to = input.status ? LEAD_STATUS_LABELS[input.status] : "";
        return { status: "error", message: `Nothing was changed: ${who} cannot move to “${to}”. Untick ${error.refused.length === 1 ? "it" : "them"} or choose another status.` };
      }
      throw error;
    }
    revalidatePath("/staff");
    const assigneeName =
      input.assigneeId === undefined ? null : input.assigneeId === null ? "" : ((await db.user.findUnique({ where: { id: input.assigneeId }, select: { name: true } }))?.name ?? "");
    const what = [
      input.status ? `moved to ${LEAD_STATUS_LABELS[input.status]}` : null,
      assigneeName === null ? null : assigneeName === "" ? "unassigned" : `assigned to ${assigneeName}`,
    ]
      .filter(Boolean)
      .join(" and ");
    const selected = input.ids.length;
    if (updated === 0) return `Nothing to change: the ${selected === 1 ? "selected inquiry already was" : `${selected} selected inquiries already were`} ${what}.`;
    const unchanged = selected - updated;
    return `${updated} ${updated === 1 ? "inquiry" : "inquiries"} ${what}.${unchanged > 0 ? ` ${unchanged} already ${unchanged === 1 ? "was" : "were"}.` : ""}`;
  },
);
