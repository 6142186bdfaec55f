import { API_KEY_SCOPE_LABELS, type ApiKeyScope } from "@/lib/api-keys/scopes";
import type { AuditEventType } from "@/lib/audit/record";
import { CONSULTATION_TYPE_LABELS } from "@/lib/booking/labels";
import { ELIGIBILITY_LABELS } from "@/lib/candidacy/result";
import { WEEKDAY_LABELS } from "@/lib/clinic/schemas";
import { CALL_OUTCOME_LABELS } from "@/lib/leads/call-outcomes";
import { CONTACT_FIELD_LABELS, type CorrectableContactField } from "@/lib/leads/contact-correction-input";
import { LEAD_STATUS_LABELS } from "@/lib/leads/lead-status";
import { formatBusinessMinutes } from "@/lib/leads/speed-to-lead";
import { STAFF_ROLE_LABELS } from "@/lib/staff/roles";
import { WEBHOOK_EVENT_LABELS } from "@/lib/webhooks/events";
import { LUDWIG_LABELS, NORWOOD_LABELS } from "@/lib/workspace/answer-labels";
import { formatClinicDateTime, formatUsd } from "@/lib/workspace/format";

/**
 * Every recorded event in words, with the values it changed (issue 22 item 7): ONE registry keyed by
 * event kind, read by the inquiry page's timeline and the audit log (page and CSV's `description`).
 * Client-safe (labels and Intl only).
 *
 * `satisfies Record<LoggedEventType, Describe>`: a kind added to AuditEventType (lib/audit/record.ts)
 * does not compile until it has its words here. Each entry turns the event's stored `data` (ids,
 * codes, instants; never patient answers or contact details) into a sentence: statuses by their
 * labels (lib/leads/lead-status.ts), staff by name, instants in the clinic's zone with the zone named.
 * `data` is read defensively: rows written by older versions may lack a field (then it is left out).
 */

/** What can be in the log: the audit types, and "created" written by the inquiry write path. */
export type LoggedEventType = AuditEventType | "created";

export interface WordsContext {
  /** A staff member's name by user id ("a former staff member" when unknown). */
  staffName: (id: string) => string;
  /** The clinic's IANA zone: instants are shown in it, zone named. */
  timeZone: string;
}

type Data = Readonly<Record<string, unknown>>;
type Describe = (data: Data, ctx: WordsContext) => string;

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const labelOf = <K extends string>(labels: Readonly<Record<K, string>>, v: unknown): string | null => {
  const s = str(v);
  return s === null ? null : s in labels ? labels[s as K] : s.replace(/_/g, " ");
};
const status = (v: unknown) => {
  const label = labelOf(LEAD_STATUS_LABELS, v);
  return label === null ? null : `“${label}”`;
};
const person = (v: unknown, ctx: WordsContext) => {
  const id = str(v);
  return id === null ? "nobody" : ctx.staffName(id);
};
const when = (v: unknown, ctx: WordsContext): string | null => {
  const s = str(v);
  if (s === null || Number.isNaN(Date.parse(s))) return null;
  return formatClinicDateTime(new Date(s), ctx.timeZone);
};
/** "a; b; c" of the parts that are there. */
const join = (...parts: (string | null | false | undefined)[]) => parts.filter((p): p is string => typeof p === "string" && p !== "").join("; ");
const sentence = (head: string, ...parts: (string | null | false | undefined)[]) => {
  const rest = join(...parts);
  return rest ? `${head} (${rest})` : head;
};
const FIELD_WORDS: Readonly<Record<string, string>> = {
  openingHours: "opening hours",
  closedDates: "closed dates",
  timeZone: "time zone",
  replyPromise: "reply-time promise",
  replyTargetMinutes: "reply target",
  autoAssign: "automatic assignment",
  retentionMonths: "retention",
  requireTwoFactorForAdmins: "two-factor rule for admins",
  callCadence: "call cadence",
};
const fields = (v: unknown) =>
  list(v)
    .map((k) => FIELD_WORDS[k] ?? k.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase())
    .join(", ");
const staffTarget = (data: Data, ctx: WordsContext) => (str(data.userId) ? person(data.userId, ctx) : "a staff member");
const sessions = (data: Data) => {
  const n = num(data.sessionsRevoked);
  return n === null ? null : `${n} ${n === 1 ? "session" : "sessions"} signed out`;
};
const VIA: Readonly<Record<string, string>> = { page: "on the inquiry page", api: "through the API", export: "in an export" };
const REASONS: Readonly<Record<string, string>> = { request: "at the person's request", retention: "the retention period had passed" };

function statusMove(from: unknown, to: unknown): string {
  return `from ${status(from) ?? "an unknown status"} to ${status(to) ?? "an unknown status"}`;
}

function consultation(verb: string): Describe {
  return (d, ctx) =>
    sentence(
      `${verb}${when(d.startsAt, ctx) ? ` for ${when(d.startsAt, ctx)}` : ""}`,
      labelOf(CONSULTATION_TYPE_LABELS, d.type),
      str(d.consultantId) ? `with ${person(d.consultantId, ctx)}` : null,
      when(d.previousStartsAt, ctx) ? `was ${when(d.previousStartsAt, ctx)}` : null,
      d.by === "patient" ? "by the patient with their link" : null,
    );
}

function exported(d: Data): string {
  if (d.log === "audit") {
    return sentence(
      `Downloaded the audit log as ${String(d.format ?? "csv").toUpperCase()}`,
      str(d.action) ? `action: ${str(d.action)?.replace(/_/g, " ")}` : null,
      str(d.actor) ? "one staff member's entries" : null,
      str(d.from) ? `from ${str(d.from)}` : null,
      str(d.to) ? `to ${str(d.to)}` : null,
    );
  }
  return sentence(
    `Exported inquiries as ${String(d.format ?? "csv").toUpperCase()}`,
    str(d.status) ? `status ${status(d.status)}` : null,
    str(d.eligibility) ? `result: ${labelOf(ELIGIBILITY_LABELS, d.eligibility)}` : null,
    str(d.flag) ? `flag ${str(d.flag)}` : null,
    str(d.norwood) ? `Norwood ${str(d.norwood)}` : null,
    str(d.ludwig) ? `Ludwig ${str(d.ludwig)}` : null,
    str(d.photos) ? `photos: ${str(d.photos)}` : null,
    d.search === true ? "with a search" : null,
    str(d.from) ? `from ${str(d.from)}` : null,
    str(d.to) ? `to ${str(d.to)}` : null,
  );
}

export const EVENT_WORDS = {
  created: (d) =>
    sentence(
      "Inquiry received",
      d.source === "web" ? "from the website questionnaire" : d.source === "phone" ? "entered by staff from a phone call" : d.source === "walk-in" ? "entered by staff for a walk-in" : str(d.source),
      d.consent === "verbal" ? "consent given verbally to that staff member" : null,
      str(d.relatedLeadId) ? "the same person asked before" : null,
    ),
  viewed: (d) => sentence("Opened the inquiry", VIA[String(d.via)] ?? null),
  status_changed: (d) =>
    // A patient's amount corrected (the status stays "became a patient").
    d.from === d.to && typeof d.amountUsd === "number"
      ? `Treatment amount agreed changed to ${formatUsd(d.amountUsd)}`
      : sentence(
          `Status changed ${statusMove(d.from, d.to)}`,
          str(d.reason) ? `reason: ${str(d.reason)}` : null,
          typeof d.amountUsd === "number" ? `treatment amount agreed: ${formatUsd(d.amountUsd)}` : null,
          d.by === "system" ? (d.because === "consultation_cancelled" ? "automatically, when the consultation was cancelled" : "automatically, when a consultation was booked") : null,
        ),
  assigned: (d, ctx) =>
    sentence(
      str(d.to) ? `Assigned to ${person(d.to, ctx)}` : "Unassigned",
      `before: ${person(d.from, ctx)}`,
      d.by === "auto_assign" ? `automatically, ${d.mode === "least_open" ? "fewest open inquiries" : "round robin"}` : null,
    ),
  note_added: () => "Added a note",
  follow_up_set: (d, ctx) =>
    when(d.at, ctx) === null
      ? // Written before follow_up_cleared existed: a follow-up set to nothing.
        "Follow-up cleared"
      : sentence(
          `Follow-up set for ${when(d.at, ctx)}`,
          when(d.from, ctx) ? `was ${when(d.from, ctx)}` : null,
          d.by === "upgrade" ? "a date-only follow-up moved to the clinic's opening time" : null,
        ),
  follow_up_cleared: (d, ctx) =>
    sentence("Follow-up cleared", when(d.from, ctx) ? `was ${when(d.from, ctx)}` : null, str(d.status) ? `because the status became ${status(d.status)}` : null),
  call_logged: (d, ctx) =>
    sentence(
      `Call logged: ${labelOf(CALL_OUTCOME_LABELS, d.outcome)?.toLowerCase() ?? "outcome unknown"}`,
      num(d.attempt) !== null ? `attempt ${num(d.attempt)}` : null,
      when(d.nextTryAt, ctx) ? `next try suggested ${when(d.nextTryAt, ctx)}` : null,
    ),
  contact_corrected: (d) =>
    sentence(
      "Contact details corrected",
      list(d.fields).length > 0 ? `changed: ${list(d.fields).map((f) => CONTACT_FIELD_LABELS[f as CorrectableContactField]?.toLowerCase() ?? f).join(", ")}` : null,
      "the values before and after are in the inquiry's contact history",
    ),
  merged: (d) => (str(d.mergedReference) ? `${str(d.mergedReference)}, a duplicate inquiry of the same person, was merged into this one` : "A duplicate inquiry of the same person was merged into this one"),
  merged_away: (d) => (str(d.intoReference) ? `Merged into ${str(d.intoReference)}, another inquiry of the same person` : "Merged into another inquiry of the same person"),
  merge_undone: (d) =>
    str(d.restoredReference)
      ? `Merge undone: ${str(d.restoredReference)} is a separate inquiry again, with its notes and history`
      : str(d.fromReference)
        ? `Merge undone: this inquiry is separate from ${str(d.fromReference)} again, with its notes and history back`
        : "Merge undone",
  bulk_changed: (d, ctx) => {
    const s = d.status && typeof d.status === "object" ? (d.status as Data) : null;
    const a = d.assignee && typeof d.assignee === "object" ? (d.assignee as Data) : null;
    return `Bulk change: ${join(s ? `status ${statusMove(s.from, s.to)}` : null, a ? `assigned to ${person(a.to, ctx)} (before: ${person(a.from, ctx)})` : null) || "nothing changed"}`;
  },
  escalated: (d) => {
    const waited = num(d.waitingMinutes);
    const target = num(d.replyTargetMinutes);
    return sentence(
      "Reply-time alert sent",
      waited !== null ? `still new after ${formatBusinessMinutes(waited)} of opening hours` : null,
      target !== null ? `target ${formatBusinessMinutes(target)}` : null,
      list(d.channels).length > 0 ? `by ${list(d.channels).join(" and ")}` : null,
    );
  },
  exported,
  erased: (d) =>
    sentence(
      d.by === "patient" ? "The patient erased their inquiry" : "Erased an inquiry",
      REASONS[String(d.reason)] ?? null,
      d.person === true ? "with every inquiry of the same person" : null,
    ),
  staff_created: (d, ctx) => sentence(`Created a staff account for ${staffTarget(d, ctx)}`, labelOf(STAFF_ROLE_LABELS, d.role)),
  staff_role_changed: (d, ctx) => `Changed ${staffTarget(d, ctx)}'s role from ${labelOf(STAFF_ROLE_LABELS, d.from) ?? "?"} to ${labelOf(STAFF_ROLE_LABELS, d.to) ?? "?"}`,
  staff_deactivated: (d, ctx) => sentence(`Deactivated ${staffTarget(d, ctx)}'s account`, sessions(d)),
  staff_reactivated: (d, ctx) => `Reactivated ${staffTarget(d, ctx)}'s account`,
  staff_password_reset: (d, ctx) => sentence(`Gave ${staffTarget(d, ctx)} a temporary password`, sessions(d)),
  staff_password_changed: () => "Changed their own password",
  staff_two_factor_enabled: () => "Turned on two-factor sign-in",
  staff_two_factor_disabled: () => "Turned off two-factor sign-in",
  staff_two_factor_reset: (d, ctx) => sentence(`Reset ${staffTarget(d, ctx)}'s two-factor sign-in`, sessions(d)),
  staff_backup_codes_regenerated: () => "Generated new two-factor backup codes",
  staff_notifications_changed: (d) =>
    `Turned ${d.on === true ? "on" : "off"} ${d.kind === "follow_up_digest" ? "the morning list of their follow-ups" : `the “${str(d.kind)?.replace(/_/g, " ") ?? "?"}” e-mails`}`,
  calendar_feed_created: () => "Made a new calendar feed URL (the old one stopped working)",
  calendar_feed_revoked: () => "Turned their calendar feed off",
  price_table_published: (d) => sentence(`Published price table version ${num(d.version) ?? "?"}`, str(d.note) ? `note: ${str(d.note)}` : null),
  price_table_restored: (d) => sentence(`Restored price table version ${num(d.restoredFrom) ?? "?"} as version ${num(d.version) ?? "?"}`, str(d.note) ? `note: ${str(d.note)}` : null),
  clinic_profile_updated: (d) => sentence("Updated the clinic profile", list(d.changed).length > 0 ? `changed: ${fields(d.changed)}` : "nothing changed", d.wasPlaceholder === true ? "replacing the placeholder details" : null),
  clinic_settings_updated: (d) => sentence("Updated the workspace settings", list(d.changed).length > 0 ? `changed: ${fields(d.changed)}` : "nothing changed"),
  api_call: (d) => sentence(`API call ${str(d.method) ?? ""} ${str(d.operation) ?? ""}`.replace(/\s+/g, " ").trim(), num(d.status) !== null ? `answered ${num(d.status)}` : null),
  api_key_created: (d) => sentence("Created an API key", list(d.scopes).length > 0 ? `scopes: ${list(d.scopes).map((s) => API_KEY_SCOPE_LABELS[s as ApiKeyScope] ?? s).join(", ")}` : null),
  api_key_revoked: () => "Revoked an API key",
  webhook_endpoint_created: (d) => sentence("Added a webhook endpoint", list(d.events).length > 0 ? `events: ${list(d.events).map((e) => labelOf(WEBHOOK_EVENT_LABELS, e)).join(", ")}` : null),
  webhook_endpoint_updated: (d) => sentence("Changed a webhook endpoint", list(d.fields).length > 0 ? `changed: ${fields(d.fields)}` : null),
  webhook_endpoint_deleted: () => "Deleted a webhook endpoint",
  webhook_delivery_resent: () => "Resent a webhook delivery",
  patient_viewed: () => "The patient opened their own page",
  patient_exported: () => "The patient downloaded their data",
  consultation_booked: consultation("Consultation booked"),
  consultation_moved: consultation("Consultation moved"),
  consultation_cancelled: consultation("Consultation cancelled"),
  consultation_attended: consultation("Consultation attended"),
  consultation_no_show: consultation("No-show at the consultation"),
  callback_requested: (d) =>
    sentence("The patient asked for a call back", list(d.days).length > 0 ? `on ${list(d.days).map((day) => labelOf(WEEKDAY_LABELS, day)).join(", ")}` : null),
  photo_added: (d) => sentence("The patient sent a scalp photo", str(d.view) ? `view: ${str(d.view)?.replace(/_/g, " ")}` : null),
  photo_removed: () => "The patient removed a scalp photo",
  photo_viewed: (d) => sentence("Viewed a scalp photo", str(d.size) ? `${str(d.size)} size` : null),
  document_added: (d) => sentence("Attached a document", str(d.kind) ? str(d.kind)?.replace(/_/g, " ") : null),
  document_viewed: () => "Opened a document",
  assessment_confirmed: (d) =>
    sentence(
      "Confirmed the assessment from the photos",
      labelOf(NORWOOD_LABELS, d.norwoodStage),
      labelOf(LUDWIG_LABELS, d.ludwigStage),
      str(d.eligibility) ? `result: ${labelOf(ELIGIBILITY_LABELS, d.eligibility)}` : null,
      num(d.priceTableVersion) !== null ? `price table version ${num(d.priceTableVersion)}` : null,
      d.withNote === true ? "with a note" : null,
    ),
  consultation_settings_updated: (d) => sentence("Updated the consultation settings", num(d.version) !== null ? `version ${num(d.version)}` : null),
  consultant_updated: (d, ctx) =>
    sentence(
      `Changed ${staffTarget(d, ctx)}'s consultations`,
      d.active === true ? "takes consultations" : d.active === false ? "takes no consultations" : null,
      d.ownHours === true ? "own hours" : d.ownHours === false ? "the clinic's hours" : null,
      str(d.timeOffAdded) ? "time off added" : null,
      str(d.timeOffRemoved) ? "time off removed" : null,
    ),
} as const satisfies Record<LoggedEventType, Describe>;

/** Kinds only old rows carry (no longer written). */
const LEGACY_WORDS: Readonly<Record<string, string>> = { linked: "Linked to an earlier inquiry" };

/** An event in words; a kind this version does not know (an old row) reads as its code in words. */
export function describeEvent(type: string, data: unknown, ctx: WordsContext): string {
  const d: Data = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Data) : {};
  const describe = (EVENT_WORDS as Readonly<Record<string, Describe>>)[type];
  if (!describe) return LEGACY_WORDS[type] ?? type.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return describe(d, ctx);
}
