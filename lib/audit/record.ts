import "server-only";

import { currentAuditContext } from "@/lib/audit/context";
import type { Db, DbTransaction, Prisma } from "@/lib/db/client";

/**
 * The audit log is the LeadEvent table (history and audit in one): who (actorId), what (type +
 * data), when (createdAt), about which inquiry (leadId; null for exports and staff/price/clinic changes).
 * Every staff view, change, note, assignment and export goes through this one helper (erasure
 * writes its stubs in bulk, lib/leads/erase-lead.ts). The admin reads it at /staff/audit (lib/audit/audit-log.ts).
 * `data` must never hold patient answers or contact details: ids, codes and field names only.
 * A new type needs its label in lib/audit/audit-query.ts AUDIT_ACTION_LABELS (the audit page; it does not compile without).
 */
export type AuditEventType =
  | "viewed"
  | "status_changed"
  | "assigned"
  | "note_added"
  | "follow_up_set"
  | "follow_up_cleared"
  // Calls and contact corrections (issue 22): data holds ids, the outcome and the changed field names only.
  | "call_logged"
  | "contact_corrected"
  | "merged"
  | "merged_away"
  | "merge_undone"
  | "bulk_changed"
  | "escalated"
  | "exported"
  | "erased"
  | "staff_created"
  | "staff_role_changed"
  | "staff_deactivated"
  | "staff_reactivated"
  | "staff_password_reset"
  | "staff_password_changed"
  | "staff_two_factor_enabled"
  | "staff_two_factor_disabled"
  | "staff_two_factor_reset"
  | "staff_backup_codes_regenerated"
  | "staff_notifications_changed"
  | "calendar_feed_created"
  | "calendar_feed_revoked"
  | "price_table_published"
  | "price_table_restored"
  | "clinic_profile_updated"
  | "clinic_settings_updated"
  | "api_call"
  | "api_key_created"
  | "api_key_revoked"
  | "webhook_endpoint_created"
  | "webhook_endpoint_updated"
  | "webhook_endpoint_deleted"
  | "webhook_delivery_resent"
  // The patient's own page (lib/patient-access/): no actor, the patient acted with their link.
  | "patient_viewed"
  | "patient_exported"
  // Consultations (lib/booking/, decision 022): actor null when the patient acted with their link.
  | "consultation_booked"
  | "consultation_moved"
  | "consultation_cancelled"
  | "consultation_attended"
  | "consultation_no_show"
  | "callback_requested"
  // Photos and documents (lib/photos/): the patient adds and removes photos; staff view and attach.
  | "photo_added"
  | "photo_removed"
  | "photo_viewed"
  | "document_added"
  | "document_viewed"
  | "assessment_confirmed"
  // The consultation settings page (/staff/consultations).
  | "consultation_settings_updated"
  | "consultant_updated";

export interface AuditEntry {
  actorId: string | null;
  type: AuditEventType;
  leadId?: string | null;
  data?: Prisma.InputJsonObject;
}

export async function recordAudit(db: Db | DbTransaction, entry: AuditEntry): Promise<void> {
  await db.leadEvent.create({
    data: {
      type: entry.type,
      actorId: entry.actorId,
      leadId: entry.leadId ?? null,
      // The API key this request came with (lib/audit/context.ts), if any.
      apiKeyId: currentAuditContext()?.apiKeyId ?? null,
      ...(entry.data !== undefined ? { data: entry.data } : {}),
    },
  });
}
