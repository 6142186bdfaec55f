import { z } from "zod";

import { CLOSED_REASON_MAX, FOLLOW_UP_NOTE_MAX, LEAD_STATUSES, NOTE_MAX } from "@/lib/leads/lead-status";
import { MAX_PRICE_USD } from "@/lib/pricing/price-table";
import { multiLineText, singleLineText } from "@/lib/validation/text";

/**
 * The treatment amount agreed when an inquiry becomes a patient (optional): whole US dollars, the
 * price table's currency, 1 to the price table's upper bound (issue 22 item 8).
 */
export const treatmentAmountSchema = z
  .number({ error: "Enter the amount agreed in whole US dollars, e.g. 3200." })
  .int({ error: "Enter the amount agreed in whole US dollars, e.g. 3200." })
  .min(1, { error: "The amount agreed must be at least $1; leave it empty if none was agreed yet." })
  .max(MAX_PRICE_USD, { error: `The amount agreed cannot be above $${MAX_PRICE_USD.toLocaleString("en-US")}.` });

/**
 * A staff change to an inquiry: ONE schema for `PATCH /api/v1/leads/{id}` and the detail page's
 * server actions. Client-safe. `version` is the version the editor saw (optimistic concurrency).
 */
export const leadPatchSchema = z
  .strictObject({
    status: z.enum(LEAD_STATUSES, { error: "Choose one of the listed statuses." }).optional(),
    closedReason: multiLineText({ error: "The reason must be text." })
      .trim()
      .max(CLOSED_REASON_MAX, { error: `Please keep the reason to ${CLOSED_REASON_MAX} characters or fewer.` })
      .nullable()
      .optional(),
    assigneeId: singleLineText({ error: "Choose a staff member." }).trim().min(1, { error: "Choose a staff member." }).max(64).nullable().optional(),
    note: multiLineText({ error: "The note must be text." })
      .trim()
      .min(1, { error: "The note is empty." })
      .max(NOTE_MAX, { error: `Please keep the note to ${NOTE_MAX} characters or fewer.` })
      .optional(),
    /** When to try again (ISO date-time with offset), or null to clear it. */
    /** When to try again: an ISO date-time with offset, or a clinic date alone (its opening time, or 09:00); null clears it. */
    followUpAt: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], {
        error: "Use an ISO date-time like 2026-12-02T09:00:00Z, or a date like 2026-12-02 (the clinic's opening time that day), for the follow-up.",
      })
      .nullable()
      .optional(),
    followUpNote: singleLineText({ error: "The follow-up note must be text." })
      .trim()
      .max(FOLLOW_UP_NOTE_MAX, { error: `Please keep the follow-up note to ${FOLLOW_UP_NOTE_MAX} characters or fewer.` })
      .nullable()
      .optional(),
    /** With status "became_patient" only: the treatment amount agreed, whole USD (optional). */
    treatmentAmountUsd: treatmentAmountSchema.nullable().optional(),
    version: z.number({ error: "The version must be a whole number." }).int().min(1).optional(),
  })
  .superRefine((patch, ctx) => {
    if (patch.status === undefined && patch.assigneeId === undefined && patch.note === undefined && patch.followUpAt === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["_root"],
        message: "Nothing to change: send a status, an assignee, a follow-up or a note.",
        input: patch,
      });
    }
    if (patch.followUpNote && patch.followUpAt === undefined) {
      ctx.addIssue({ code: "custom", path: ["followUpNote"], message: "A follow-up note goes with a follow-up date.", input: patch.followUpNote });
    }
    if (patch.treatmentAmountUsd != null && patch.status !== "became_patient") {
      ctx.addIssue({
        code: "custom",
        path: ["treatmentAmountUsd"],
        message: 'The amount agreed only goes with the status "became a patient".',
        input: patch.treatmentAmountUsd,
      });
    }
    const reason = patch.closedReason ?? "";
    if (patch.status === "not_proceeding" && reason === "") {
      ctx.addIssue({ code: "custom", path: ["closedReason"], message: "Please say why the person is not proceeding.", input: patch.closedReason });
    }
    if (reason !== "" && patch.status !== "not_proceeding") {
      ctx.addIssue({ code: "custom", path: ["closedReason"], message: 'A reason only goes with the status "not proceeding".', input: patch.closedReason });
    }
  });

export type LeadPatch = z.infer<typeof leadPatchSchema>;

/** The `{id}` of `/api/v1/leads/{id}`. */
export const leadIdParamsSchema = z.strictObject({ id: z.string().min(1, { error: "The inquiry id is missing." }) });

/**
 * The detail page's forms as the PATCH body: an empty reason is no reason, an empty assignee is
 * "nobody" (null), the version is a number. `leadId` travels separately (it is the path of the API).
 */
export function leadPatchFromForm(form: FormData): Record<string, unknown> {
  const text = (key: string): string | undefined => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const patch: Record<string, unknown> = {};
  const status = text("status");
  if (status !== undefined) patch.status = status;
  const reason = text("closedReason");
  if (reason !== undefined && reason.trim() !== "") patch.closedReason = reason;
  const assignee = text("assigneeId");
  if (assignee !== undefined) patch.assigneeId = assignee === "" ? null : assignee;
  const note = text("note");
  if (note !== undefined) patch.note = note;
  // The amount agreed (dollars, "3,200" or "$3200" read as 3200); empty: none given. A value that is
  // not a number is passed on as typed, so the schema names the field.
  const amount = text("treatmentAmountUsd")?.trim().replace(/^\$/, "").replace(/,/g, "");
  if (amount !== undefined && amount !== "") patch.treatmentAmountUsd = /^\d+(\.\d+)?$/.test(amount) ? Number(amount) : amount;
  const version = text("version");
  if (version !== undefined && version !== "") patch.version = Number(version);
  return patch;
}

/** `POST /api/v1/leads/{id}/merge`: merge the inquiry `{id}` into `intoId`; `version` is `{id}`'s. */
export const leadMergeSchema = z.strictObject({
  intoId: singleLineText({ error: "Choose the inquiry to merge into." }).trim().min(1, { error: "Choose the inquiry to merge into." }).max(64),
  version: z.number({ error: "The version must be a whole number." }).int().min(1),
});
export type LeadMerge = z.infer<typeof leadMergeSchema>;

export const BULK_MAX = 100;

/** `POST /api/v1/leads/bulk`: one status and/or assignee for up to BULK_MAX inquiries. */
export const leadBulkSchema = z
  .strictObject({
    ids: z
      .array(singleLineText({ error: "Each id must be text." }).trim().min(1).max(64), { error: "Send the ids of the inquiries as a list." })
      .min(1, { error: "Select at least one inquiry." })
      .max(BULK_MAX, { error: `Select at most ${BULK_MAX} inquiries at a time.` })
      .refine((ids) => new Set(ids).size === ids.length, { error: "An inquiry is listed twice." }),
    status: z.enum(LEAD_STATUSES, { error: "Choose one of the listed statuses." }).optional(),
    assigneeId: singleLineText({ error: "Choose a staff member." }).trim().min(1, { error: "Choose a staff member." }).max(64).nullable().optional(),
    /**
     * Optional: id -> the version the caller saw (the inbox sends the versions it was rendered with).
     * An inquiry changed since then fails the whole request with 409 naming it; ids without a version
     * are checked against the version read inside the transaction only.
     */
    versions: z
      .record(z.string().max(64), z.number({ error: "Each version must be a whole number." }).int().min(1), { error: "Send the versions as an object of id to version." })
      .optional(),
  })
  .superRefine((bulk, ctx) => {
    if (bulk.status === undefined && bulk.assigneeId === undefined) {
      ctx.addIssue({ code: "custom", path: ["_root"], message: "Nothing to change: choose a status or an assignee.", input: bulk });
    }
    if (bulk.status === "not_proceeding") {
      ctx.addIssue({ code: "custom", path: ["status"], message: '"Not proceeding" needs a reason per inquiry: set it on each one.', input: bulk.status });
    }
  });
export type LeadBulk = z.infer<typeof leadBulkSchema>;

/** The bulk value of the inbox's assignee select that means "nobody" (the empty value means "no change"). */
export const BULK_NOBODY = "none";

/**
 * The inbox's bulk form as the API's body: every ticked `ids` checkbox, the version each row was
 * rendered with (`version.<id>`), an empty select is "no change", BULK_NOBODY is "nobody" (null).
 */
export function leadBulkFromForm(form: FormData): Record<string, unknown> {
  const ids = form.getAll("ids").filter((id): id is string => typeof id === "string");
  const body: Record<string, unknown> = { ids };
  const versions: Record<string, number> = {};
  for (const id of ids) {
    const version = form.get(`version.${id}`);
    if (typeof version === "string" && /^\d{1,9}$/.test(version)) Object.defineProperty(versions, id, { value: Number(version), enumerable: true });
  }
  if (Object.keys(versions).length > 0) body.versions = versions;
  const status = form.get("status");
  if (typeof status === "string" && status !== "") body.status = status;
  const assignee = form.get("assigneeId");
  if (typeof assignee === "string" && assignee !== "") body.assigneeId = assignee === BULK_NOBODY ? null : assignee;
  return body;
}

export const FOLLOW_UP_CHOICES = ["in_2_hours", "tomorrow", "next_business_day", "in_a_week", "date", "clear"] as const;
export type FollowUpChoice = (typeof FOLLOW_UP_CHOICES)[number];
/** The quick choices' names; the time each stands for is worked out on the clinic's calendar (lib/leads/follow-up.ts). */
export const FOLLOW_UP_CHOICE_LABELS: Readonly<Record<FollowUpChoice, string>> = {
  in_2_hours: "In 2 hours",
  tomorrow: "Tomorrow morning",
  next_business_day: "Next business day, at opening",
  in_a_week: "In a week, in the morning",
  date: "Pick a date and time",
  clear: "No follow-up",
};

/** A follow-up time this much in the past still counts as "now" (the minute being typed). */
export const FOLLOW_UP_PAST_GRACE_MS = 60_000;
export const FOLLOW_UP_PAST_MESSAGE =
  "That date and time has already passed. Check the date and AM/PM, or tick \u201cYes, set it in the past\u201d to save it as overdue.";

/** The lead page's follow-up form (quick choices, a date and a time in the clinic's zone, a note); the server turns it into PATCH followUpAt. */
export const followUpFormSchema = z
  .strictObject({
    leadId: singleLineText().min(1).max(64),
    version: z.coerce.number({ error: "The version must be a whole number." }).int().min(1),
    choice: z.enum(FOLLOW_UP_CHOICES, { error: "Choose when to follow up." }),
    date: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Pick a date like 2026-12-02." })
        .optional(),
    ),
    time: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: "Enter a time like 09:30 or 17:00." })
        .optional(),
    ),
    /** The staff member's "yes, set it in the past" (a checkbox: "on"). */
    confirmPast: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
    note: singleLineText({ error: "The follow-up note must be text." })
      .trim()
      .max(FOLLOW_UP_NOTE_MAX, { error: `Please keep the follow-up note to ${FOLLOW_UP_NOTE_MAX} characters or fewer.` })
      .optional(),
  })
  .superRefine((form, ctx) => {
    if (form.choice === "date" && !form.date) ctx.addIssue({ code: "custom", path: ["date"], message: "Pick the date of the follow-up.", input: form.date });
  });
export type FollowUpForm = z.infer<typeof followUpFormSchema>;

/** The inquiry pages' "Undo merge": the merged inquiry's id (who and when are checked by undoMerge). */
export const mergeUndoFormSchema = z.strictObject({
  leadId: singleLineText().min(1).max(64),
});

export const mergeFormSchema = z.strictObject({
  leadId: singleLineText().min(1).max(64),
  intoId: singleLineText({ error: "Choose the inquiry to merge into." }).min(1, { error: "Choose the inquiry to merge into." }).max(64),
  version: z.coerce.number({ error: "The version must be a whole number." }).int().min(1),
});
