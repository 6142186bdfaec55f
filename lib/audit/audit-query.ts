import { z } from "zod";

import type { AuditEventType } from "@/lib/audit/record";
import { isLocalDate } from "@/lib/clinic/time";

/**
 * The audit log's filters (client-safe): ONE schema for the /staff/audit page's GET form and its
 * CSV export (GET /api/v1/audit/export.csv). Empty values mean "any". Dates are days
 * ("YYYY-MM-DD") in the clinic profile's time zone, both included.
 */

/** What each recorded action is called on the page and in the CSV ("created" is written by the lead write path). */
export const AUDIT_ACTION_LABELS = {
  created: "Inquiry received",
  viewed: "Viewed an inquiry",
  status_changed: "Changed the status",
  assigned: "Assigned",
  note_added: "Added a note",
  follow_up_set: "Set a follow-up",
  follow_up_cleared: "Cleared a follow-up",
  call_logged: "Logged a call",
  contact_corrected: "Corrected the contact details",
  merged: "Merged a duplicate into this inquiry",
  merged_away: "Merged this inquiry into another",
  merge_undone: "Undid a merge",
  bulk_changed: "Bulk change",
  escalated: "Escalated (still new after the reply target)",
  exported: "Exported inquiries",
  erased: "Erased an inquiry",
  patient_viewed: "The patient opened their own page",
  patient_exported: "The patient downloaded their data",
  consultation_booked: "Booked a consultation",
  consultation_moved: "Moved a consultation",
  consultation_cancelled: "Cancelled a consultation",
  consultation_attended: "Marked a consultation attended",
  consultation_no_show: "Marked a consultation no-show",
  callback_requested: "The patient asked for a call back",
  photo_added: "The patient sent a scalp photo",
  photo_removed: "The patient removed a scalp photo",
  photo_viewed: "Viewed a scalp photo",
  document_added: "Attached a document",
  document_viewed: "Opened a document",
  assessment_confirmed: "Confirmed the assessment from the photos",
  consultation_settings_updated: "Updated the consultation settings",
  consultant_updated: "Changed who takes consultations, their hours or time off",
  staff_created: "Created a staff account",
  staff_role_changed: "Changed a staff role",
  staff_deactivated: "Deactivated a staff account",
  staff_reactivated: "Reactivated a staff account",
  staff_password_reset: "Reset a staff password",
  staff_password_changed: "Changed their password",
  staff_two_factor_enabled: "Turned on two-factor sign-in",
  staff_two_factor_disabled: "Turned off two-factor sign-in",
  staff_two_factor_reset: "Reset a staff member's two-factor sign-in",
  staff_backup_codes_regenerated: "Generated new two-factor backup codes",
  staff_notifications_changed: "Changed their notification settings",
  calendar_feed_created: "Made a new calendar feed URL",
  calendar_feed_revoked: "Turned their calendar feed off",
  price_table_published: "Published a price table",
  price_table_restored: "Restored an earlier price table",
  clinic_profile_updated: "Updated the clinic profile",
  clinic_settings_updated: "Updated the workspace settings",
  api_call: "Called the API with a key",
  api_key_created: "Created an API key",
  api_key_revoked: "Revoked an API key",
  webhook_endpoint_created: "Added a webhook endpoint",
  webhook_endpoint_updated: "Changed a webhook endpoint",
  webhook_endpoint_deleted: "Deleted a webhook endpoint",
  webhook_delivery_resent: "Resent a webhook delivery",
} as const satisfies Record<AuditEventType | "created", string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

/** Rows per page of the log. */
export const AUDIT_PAGE_SIZE = 50;
/** The deepest page (offset paging; narrow the filters to go further back). */
export const AUDIT_MAX_PAGE = 2_000;
/** `actor=system`: entries with no staff member (the patient's own inquiry, the retention job, the escalation). */
export const SYSTEM_ACTOR = "system";

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const day = z.string().trim().refine(isLocalDate, { error: "Use a date like 2026-11-01." });

const auditFilterShape = {
  /** A staff user id, or "system". */
  actor: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "Choose a staff member from the list." }),
  ),
  action: optional(z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." })),
  from: optional(day),
  to: optional(day),
};

function checkOrder(value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx<unknown>): void {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date.", input: value.to });
  }
}

/** The export: the filters only (unknown parameters are a 400 there). */
export const auditExportQuerySchema = z.strictObject(auditFilterShape).superRefine(checkOrder);

/** The page: the filters and the page number (unknown parameters are ignored). */
export const auditPageQuerySchema = z
  .object({
    ...auditFilterShape,
    page: optional(
      z.coerce
        .number({ error: "The page must be a whole number." })
        .int({ error: "The page must be a whole number." })
        .min(1, { error: "The page must be at least 1." })
        .max(AUDIT_MAX_PAGE, { error: `Narrow the filters to go past page ${AUDIT_MAX_PAGE}.` }),
    ),
  })
  .superRefine(checkOrder);

export type AuditFilters = z.output<typeof auditExportQuerySchema>;
export type AuditPageQuery = z.output<typeof auditPageQuerySchema>;
