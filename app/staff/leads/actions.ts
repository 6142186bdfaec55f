"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { bookConsultation, cancelConsultation, markConsultation, moveConsultation } from "@/lib/booking/consultations";
import { staffBookSchema, staffUpdateConsultationSchema } from "@/lib/booking/schemas";
import { getClinicProfile } from "@/lib/clinic/store";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { eraseLeadFormSchema } from "@/lib/leads/erase-input";
import { eraseLead } from "@/lib/leads/erase-lead";
import { bulkLeadNames, BulkConflictError, BulkRefusedError, bulkUpdateLeads } from "@/lib/leads/lead-bulk";
import { mergeLead, undoMerge } from "@/lib/leads/lead-merge";
import { followUpFormSchema, leadBulkFromForm, leadBulkSchema, leadPatchFromForm, leadPatchSchema, mergeFormSchema, mergeUndoFormSchema } from "@/lib/leads/lead-patch";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { acceptNextTry, acceptNextTrySchema, logCall, logCallSchema } from "@/lib/leads/lead-calls";
import { correctContact } from "@/lib/leads/contact-correction";
import { enterLeadByStaff } from "@/lib/leads/staff-entry";
import { staffEntryFromForm, staffEntrySchema } from "@/lib/leads/staff-entry-input";
import { CONTACT_FIELD_LABELS, contactCorrectionSchema } from "@/lib/leads/contact-correction-input";
import { CALL_OUTCOME_LABELS, attemptsText } from "@/lib/leads/call-outcomes";
import { clinicCalendar, followUpInstant, formatFollowUpTime } from "@/lib/leads/follow-up";
import { updateLead } from "@/lib/leads/lead-workflow";
import { confirmAssessment } from "@/lib/photos/assessment";
import { assessmentFromForm, assessmentInputSchema } from "@/lib/photos/schemas";
import { formatDateTime, formatPriceRange } from "@/lib/workspace/format";
import { staffAction } from "@/lib/workspace/staff-action";

/**
 * The inquiries' actions: the lead page's forms (status, assignee, note; follow-up; merge; erase)
 * and the inbox's bulk bar. Each is `staffAction(config, fn)` (lib/workspace/staff-action.ts): the
 * wrapper checks the session and role on the server (an action is a public POST endpoint whatever
 * page shows its form), parses the FormData with the shared schema and maps errors; `fn` calls the
 * same lib function as the API and returns the success message.
 */

const formText = (form: FormData, key: string): string => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

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

/**
 * The lead page's follow-up form: a quick choice (in 2 hours, tomorrow morning, next business day,
 * in a week), a date and time in the clinic's zone, or none; and a note. A past date and time is
 * refused unless the staff member ticked "Yes, set it in the past" (lib/leads/follow-up.ts).
 */
export const setFollowUpAction = staffAction(
  {
    name: "setFollowUp",
    role: "front_desk",
    schema: followUpFormSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input }) => {
    const db = getDb();
    const calendar = await clinicCalendar(db);
    const at = followUpInstant(input, calendar);
    await updateLead(db, user.id, input.leadId, {
      followUpAt: at ? at.toISOString() : null,
      ...(at && input.note ? { followUpNote: input.note } : {}),
      version: input.version,
    });
    revalidatePath(`/staff/leads/${input.leadId}`);
    revalidatePath("/staff");
    return at ? `Follow-up saved for ${formatFollowUpTime(at, calendar.timeZone)}.` : "Follow-up cleared.";
  },
);

/**
 * The inquiry page's call panel (issue 22 item 5): one tap logs how the call went
 * (lib/leads/lead-calls.ts); "Reached" moves a new inquiry to contacted.
 */
export const logCallAction = staffAction(
  {
    name: "logCall",
    role: "front_desk",
    schema: logCallSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
    invalidMessage: "The call was not logged.",
  },
  async ({ user, input }) => {
    const db = getDb();
    const call = await logCall(db, user.id, input.leadId, input.outcome);
    revalidatePath(`/staff/leads/${input.leadId}`);
    revalidatePath("/staff");
    const next = call.nextTryAt ? ` Suggested next try: ${formatDateTime(call.nextTryAt, (await getClinicProfile(db)).timeZone)}.` : "";
    return `Logged: ${CALL_OUTCOME_LABELS[call.outcome]} (${attemptsText(call.attempt)}).${call.contacted ? " Moved to Contacted." : ""}${next}`;
  },
);

/** A phone-in or walk-in inquiry entered by staff (issue 22 item 6): the lead creation path, then the new inquiry opens. */
export const enterLeadAction = staffAction(
  {
    name: "enterLead",
    role: "front_desk",
    schema: staffEntrySchema,
    fromForm: staffEntryFromForm,
    returnTo: "/staff/leads/new",
    invalidMessage: "The inquiry was not saved: please check the highlighted answers.",
  },
  async ({ user, input }) => {
    const { id } = await enterLeadByStaff(getDb(), user.id, input);
    revalidatePath("/staff");
    redirect(`/staff/leads/${encodeURIComponent(id)}`);
  },
);

/** "Correct the contact details" (issue 22 item 6): versioned (the values before are kept) and audited. */
export const correctContactAction = staffAction(
  {
    name: "correctContact",
    role: "front_desk",
    schema: contactCorrectionSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
    invalidMessage: "Nothing was saved: please check the highlighted details.",
  },
  async ({ user, input }) => {
    const { fields } = await correctContact(getDb(), user.id, input);
    revalidatePath(`/staff/leads/${input.leadId}`);
    revalidatePath("/staff");
    return `Corrected: ${fields.map((f) => CONTACT_FIELD_LABELS[f].toLowerCase()).join(", ")}. The previous details are kept in the history.`;
  },
);

/** "Use as follow-up": the latest call's suggested next try becomes the inquiry's follow-up. */
export const acceptNextTryAction = staffAction(
  {
    name: "acceptNextTry",
    role: "front_desk",
    schema: acceptNextTrySchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input }) => {
    const db = getDb();
    const { at } = await acceptNextTry(db, user.id, input);
    revalidatePath(`/staff/leads/${input.leadId}`);
    revalidatePath("/staff");
    return `Follow-up set for ${formatDateTime(at, (await getClinicProfile(db)).timeZone)}.`;
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
    redirect(`/staff/leads/${encodeURIComponent(input.intoId)}?merged=${encodeURIComponent(input.leadId)}`);
  },
);

/** "Undo merge" (the survivor's page, the merged inquiry's page): only the one who merged, within 24 hours; then the restored inquiry opens. */
export const undoMergeAction = staffAction(
  {
    name: "undoMerge",
    role: "front_desk",
    schema: mergeUndoFormSchema,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}/gone`,
    invalidMessage: "Nothing was changed.",
  },
  async ({ user, input }) => {
    await undoMerge(getDb(), user.id, input.leadId);
    revalidatePath("/staff");
    redirect(`/staff/leads/${encodeURIComponent(input.leadId)}?unmerged=1`);
  },
);

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

/** The lead page's assessment form (lib/photos/assessment.ts): the same body and function as POST /api/v1/leads/{id}/assessment. */
export const confirmAssessmentAction = staffAction(
  {
    name: "confirmAssessment",
    role: "front_desk",
    schema: assessmentInputSchema,
    fromForm: assessmentFromForm,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input, form }) => {
    const leadId = formText(form, "leadId");
    const { confirmedResult } = await confirmAssessment(getDb(), user.id, leadId, input);
    revalidatePath(`/staff/leads/${leadId}`);
    return `Confirmed: ${formatPriceRange(confirmedResult.price.minUsd, confirmedResult.price.maxUsd)}. The patient will get an e-mail with a link to their page.`;
  },
);

// --- consultations (issue 20): the inquiry page's panel and the agenda ------------------------------

/** The form's fields of a staff booking, as the API's body (`staffBookSchema`); the inquiry rides beside it. */
function staffBookFromForm(form: FormData): unknown {
  const consultantId = formText(form, "consultantId");
  return { type: formText(form, "type"), start: formText(form, "start"), ...(consultantId ? { consultantId } : {}) };
}

/** The form's fields of a change, as the API's PATCH body (`staffUpdateConsultationSchema`). */
function staffUpdateFromForm(form: FormData): unknown {
  const version = Number(formText(form, "version"));
  const start = formText(form, "start");
  const status = formText(form, "status");
  const consultantId = formText(form, "consultantId");
  return {
    version: Number.isFinite(version) ? version : formText(form, "version"),
    ...(start ? { start } : {}),
    ...(status ? { status } : {}),
    ...(consultantId ? { consultantId } : {}),
  };
}

/** Book for a phone-in (the inquiry page): the same lib function as POST /api/v1/leads/{id}/consultation. */
export const bookConsultationAction = staffAction(
  {
    name: "bookConsultation",
    role: "front_desk",
    schema: staffBookSchema,
    fromForm: staffBookFromForm,
    returnTo: (form) => `/staff/leads/${encodeURIComponent(formText(form, "leadId"))}`,
  },
  async ({ user, input, form }) => {
    const leadId = formText(form, "leadId");
    const booked = await bookConsultation(getDb(), {
      leadId,
      type: input.type,
      start: input.start,
      ...(input.consultantId ? { consultantId: input.consultantId } : {}),
      actor: { by: "staff", userId: user.id },
    });
    revalidatePath(`/staff/leads/${leadId}`);
    revalidatePath("/staff/agenda");
    revalidatePath("/staff");
    return `Consultation booked for ${formatDateTime(booked.start, (await getClinicProfile(getDb())).timeZone)}.`;
  },
);

/**
 * Move, cancel, change the consultant, or mark attended / no-show (the inquiry page and the agenda):
 * the same lib functions as PATCH /api/v1/consultations/{id}, with the version the page was rendered from.
 */
export const updateConsultationAction = staffAction(
  {
    name: "updateConsultation",
    role: "front_desk",
    schema: staffUpdateConsultationSchema,
    fromForm: staffUpdateFromForm,
    returnTo: (form) => formText(form, "returnTo").startsWith("/staff/") ? formText(form, "returnTo") : "/staff/agenda",
  },
  async ({ user, input, form }) => {
    const db = getDb();
    const consultationId = formText(form, "consultationId");
    const actor = { by: "staff" as const, userId: user.id };
    let message: string;
    if (input.status === "cancelled") {
      await cancelConsultation(db, { consultationId, version: input.version, actor, selfService: false });
      message = "Consultation cancelled.";
    } else if (input.status === "attended" || input.status === "no_show") {
      await markConsultation(db, { consultationId, version: input.version, status: input.status, actor });
      message = input.status === "attended" ? "Marked attended." : "Marked no-show.";
    } else {
      // Another consultant at the same time: the start stays.
      const start = input.start ?? (await db.consultation.findUnique({ where: { id: consultationId }, select: { startsAt: true } }))?.startsAt;
      if (!start) throw new NotFoundError("This consultation does not exist.");
      const moved = await moveConsultation(db, {
        consultationId,
        start,
        version: input.version,
        actor,
        selfService: false,
        ...(input.consultantId ? { consultantId: input.consultantId } : {}),
      });
      message = `Consultation moved to ${formatDateTime(moved.start, (await getClinicProfile(db)).timeZone)}.`;
    }
    const leadId = formText(form, "leadId");
    if (leadId) revalidatePath(`/staff/leads/${leadId}`);
    revalidatePath("/staff/agenda");
    revalidatePath("/staff");
    return message;
  },
);
