"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { ERASE_CONFIRMATION_WORD, eraseLead } from "@/lib/leads/erase-lead";
import { logger } from "@/lib/log/logger";
import { requireStaff } from "@/lib/staff/require-staff";
import type { ActionState } from "@/lib/workspace/action-state";

/**
 * Server actions of the admin pages (issue 11). Each checks the session and the admin role itself
 * (an action is a public POST endpoint), then calls the same lib function as the API.
 */

const text = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

function failure(e: unknown, what: string): ActionState {
  if (e instanceof ApiError) return { status: e.status === 409 ? "conflict" : "error", message: e.message, fields: e.fields ?? {} };
  logger.error({ action: what, err: { name: (e as Error)?.name } }, "admin action failed");
  return { status: "error", message: "Something went wrong on our side. Nothing was changed; please try again." };
}

/** Erase on request from the lead page: the admin types ERASE; `person` erases every inquiry of the same person. */
export async function eraseLeadAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const leadId = text(form, "leadId");
  const user = await requireStaff("admin", `/staff/leads/${encodeURIComponent(leadId)}`);
  if (text(form, "confirmation").trim() !== ERASE_CONFIRMATION_WORD) {
    return {
      status: "error",
      message: "Nothing was erased.",
      fields: { confirmation: `Type ${ERASE_CONFIRMATION_WORD} in capital letters to confirm.` },
    };
  }
  let erased: number;
  try {
    erased = (await eraseLead(getDb(), user.id, leadId, { person: text(form, "person") === "1" })).erasedIds.length;
  } catch (e) {
    return failure(e, "eraseLead");
  }
  revalidatePath("/staff");
  redirect(`/staff?erased=${erased}`);
}
