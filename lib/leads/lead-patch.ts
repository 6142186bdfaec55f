import { z } from "zod";

import { CLOSED_REASON_MAX, LEAD_STATUSES, NOTE_MAX } from "@/lib/leads/lead-status";
import { multiLineText, singleLineText } from "@/lib/validation/text";

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
    version: z.number({ error: "The version must be a whole number." }).int().min(1).optional(),
  })
  .superRefine((patch, ctx) => {
    if (patch.status === undefined && patch.assigneeId === undefined && patch.note === undefined) {
      ctx.addIssue({ code: "custom", path: ["_root"], message: "Nothing to change: send a status, an assignee or a note.", input: patch });
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
  const version = text("version");
  if (version !== undefined && version !== "") patch.version = Number(version);
  return patch;
}
