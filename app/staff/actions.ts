"use server";

import { parseSetCookieHeader, toCookieOptions } from "better-auth/cookies";
import { revalidatePath } from "next/cache";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";

import { getDb } from "@/lib/db/client";
import { ApiError, zodFields } from "@/lib/http/errors";
import { updateLead } from "@/lib/leads/lead-workflow";
import { logger } from "@/lib/log/logger";
import { PRICE_ROW_KEYS } from "@/lib/pricing/price-table";
import { publishPriceTable } from "@/lib/pricing/price-table-store";
import { getStaffAuth } from "@/lib/staff/auth";
import { requireStaff, SIGN_IN_PATH } from "@/lib/staff/require-staff";
import { signInWithPassword } from "@/lib/staff/sign-in";
import { createStaffUser, setStaffRole, StaffUserError } from "@/lib/staff/users";
import type { ActionState } from "@/lib/workspace/action-state";

/**
 * Server actions of the staff area. Each one checks the session and role ITSELF (an action is a
 * public POST endpoint whatever page shows its form), then calls the same lib function as the API.
 * Expected failures come back as ActionState for the form to announce; anything else is logged
 * (without patient data) and shown as a generic message.
 */

const text = (form: FormData, key: string): string | undefined => {
  const value = form.get(key);
  return typeof value === "string" ? value : undefined;
};

function failure(e: unknown, what: string): ActionState {
  if (e instanceof ApiError) {
    return { status: e.status === 409 ? "conflict" : "error", message: e.message, fields: e.fields ?? {} };
  }
  if (e instanceof StaffUserError) return { status: "error", message: e.message, fields: e.fields };
  if (e instanceof ZodError) return { status: "error", message: "Some values need another look.", fields: zodFields(e) };
  logger.error({ action: what, err: { name: (e as Error)?.name } }, "staff action failed");
  return { status: "error", message: "Something went wrong on our side. Nothing was saved; please try again." };
}

// --- sign in / out -------------------------------------------------------------------------------

/** Only paths inside the staff area: never an open redirect. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/staff(\/[\w\-./%?=&]*)?$/.test(value) && !value.startsWith("//") && !value.includes("..") ? value : "/staff";
}

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const email = (text(form, "email") ?? "").trim();
  const password = text(form, "password") ?? "";
  const fields: Record<string, string> = {};
  if (email === "") fields.email = "Please enter your email address.";
  if (password === "") fields.password = "Please enter your password.";
  if (Object.keys(fields).length > 0) return { status: "error", message: "Please fill in both fields.", fields };

  const outcome = await signInWithPassword(await headers(), email, password);
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
  redirect(safeReturnTo(text(form, "returnTo")));
}

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
export async function updateLeadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const leadId = text(form, "leadId") ?? "";
  const user = await requireStaff("front_desk", `/staff/leads/${encodeURIComponent(leadId)}`);
  const patch: Record<string, unknown> = {};
  const status = text(form, "status");
  if (status !== undefined) patch.status = status;
  const reason = text(form, "closedReason");
  if (reason !== undefined && reason.trim() !== "") patch.closedReason = reason;
  const assignee = text(form, "assigneeId");
  if (assignee !== undefined) patch.assigneeId = assignee === "" ? null : assignee;
  const note = text(form, "note");
  if (note !== undefined) patch.note = note;
  const version = text(form, "version");
  if (version !== undefined && version !== "") patch.version = Number(version);
  try {
    await updateLead(getDb(), user.id, leadId, patch);
  } catch (e) {
    return failure(e, "updateLead");
  }
  revalidatePath(`/staff/leads/${leadId}`);
  revalidatePath("/staff");
  return { status: "ok", message: patch.note !== undefined && Object.keys(patch).length <= 2 ? "Note added." : "Saved." };
}

// --- admin: price table ---------------------------------------------------------------------------

export async function publishPriceTableAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireStaff("admin", "/staff/prices");
  const number = (key: string) => {
    const raw = (text(form, key) ?? "").trim().replace(/[$,\s]/g, "");
    return raw === "" ? Number.NaN : Number(raw);
  };
  const rows = Object.fromEntries(
    PRICE_ROW_KEYS.map((key) => [key, { minUsd: number(`${key}.minUsd`), maxUsd: number(`${key}.maxUsd`), label: text(form, `${key}.label`) ?? "" }]),
  );
  const note = (text(form, "note") ?? "").trim().slice(0, 500);
  try {
    const published = await publishPriceTable(getDb(), rows as Parameters<typeof publishPriceTable>[1], user.id, note === "" ? null : note);
    revalidatePath("/staff/prices");
    return { status: "ok", message: `Version ${published.version} is now the active price table. Saved inquiries keep the version they were quoted from.` };
  } catch (e) {
    if (e instanceof ZodError) {
      const fields = Object.fromEntries(Object.entries(zodFields(e)).map(([path, message]) => [path.replace(/^rows\./, ""), message]));
      return { status: "error", message: "Some prices need another look. Nothing was published.", fields };
    }
    return failure(e, "publishPriceTable");
  }
}

// --- admin: staff accounts --------------------------------------------------------------------------

export async function createStaffUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireStaff("admin", "/staff/users");
  const name = (text(form, "name") ?? "").trim();
  try {
    const created = await createStaffUser(
      getDb(),
      { email: text(form, "email") ?? "", password: text(form, "password") ?? "", role: text(form, "role") ?? "", ...(name ? { name } : {}) },
      user.id,
    );
    revalidatePath("/staff/users");
    return { status: "ok", message: `Account created for ${created.email}. Share the password with them in person or by phone, not by email.` };
  } catch (e) {
    return failure(e, "createStaffUser");
  }
}

export async function setStaffRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireStaff("admin", "/staff/users");
  try {
    const updated = await setStaffRole(getDb(), user.id, text(form, "userId") ?? "", text(form, "role"));
    revalidatePath("/staff/users");
    return { status: "ok", message: `${updated.name} is now ${updated.role === "admin" ? "an admin" : "front desk"}.` };
  } catch (e) {
    return failure(e, "setStaffRole");
  }
}
