import "server-only";

import { candidacyAnswersSchema, type CandidacyAnswers } from "@/lib/candidacy/answers";
import { candidacyResultSchema, type CandidacyResult } from "@/lib/candidacy/result";
import type { Db } from "@/lib/db/client";
import { localDateOf } from "@/lib/clinic/time";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { replyClock } from "@/lib/leads/reply-clock";
import type { ConsentMethod } from "@/lib/leads/staff-entry-input";
import type { ReplyClock } from "@/lib/leads/speed-to-lead";
import { leadSummarySelect, toLeadSummary, type LeadSummary } from "@/lib/leads/staff-inbox";

/** Everything the staff detail screen and `GET /api/v1/leads/{id}` show about one inquiry. */
export interface LeadDetail extends LeadSummary {
  updatedAt: string;
  rulesVersion: string;
  locale: string;
  /** As submitted (validated on the way in); null only if a stored row no longer parses. */
  answers: CandidacyAnswers | null;
  /** The result exactly as the patient saw it (stored, never recomputed). */
  result: CandidacyResult | null;
  patientNotes: string | null;
  consent: {
    contactAccepted: boolean;
    privacyAccepted: boolean;
    textVersion: string;
    at: string;
    /** online: the patient ticked the boxes; verbal: given to the staff member who entered the inquiry. */
    method: ConsentMethod;
    /** Who entered the inquiry for a phone-in or walk-in patient (the "created" event's actor), else null. */
    enteredBy: { id: string; name: string } | null;
  };
  source: { utmSource: string | null; utmMedium: string | null; utmCampaign: string | null; referrer: string | null };
  relatedLead: LeadSummary | null;
  laterLeads: LeadSummary[];
  notes: { id: string; body: string; createdAt: string; author: { id: string; name: string } }[];
  events: { id: string; type: string; createdAt: string; actor: { id: string; name: string } | null; data: unknown }[];
}

export const EVENTS_SHOWN = 200;

/** What GET of a merged inquiry answers (api-v1.md "Lead workflow additions"): where it went, nothing else. */
export interface MergedLead {
  id: string;
  mergedIntoId: string;
}

export function isMergedLead(lead: LeadDetail | MergedLead): lead is MergedLead {
  return !("status" in lead);
}

/**
 * The inquiry, or NotFoundError; a merged one answers only its `mergedIntoId`. Reading does not
 * audit: use `viewLead` for a staff view.
 */
export async function getLeadDetail(db: Db, id: string, clock?: ReplyClock): Promise<LeadDetail | MergedLead> {
  const tombstone = await db.lead.findUnique({ where: { id }, select: { mergedIntoId: true } });
  if (tombstone?.mergedIntoId) return { id, mergedIntoId: tombstone.mergedIntoId };
  const time = clock ?? (await replyClock(db));
  const lead = await db.lead.findUnique({
    where: { id },
    select: {
      ...leadSummarySelect,
      updatedAt: true,
      rulesVersion: true,
      locale: true,
      answers: true,
      result: true,
      patientNotes: true,
      consentContactAccepted: true,
      consentPrivacyAccepted: true,
      consentTextVersion: true,
      consentAt: true,
      consentMethod: true,
      utmSource: true,
      utmMedium: true,
      utmCampaign: true,
      referrer: true,
      relatedLead: { select: leadSummarySelect },
      laterLeads: { select: leadSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 20 },
      notes: {
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      },
      events: {
        select: { id: true, type: true, createdAt: true, data: true, actor: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: EVENTS_SHOWN,
      },
    },
  });
  if (!lead) throw new NotFoundError("This inquiry does not exist.");
  const method: ConsentMethod = lead.consentMethod === "verbal" ? "verbal" : "online";
  const enteredBy =
    method === "verbal"
      ? ((await db.leadEvent.findFirst({ where: { leadId: id, type: "created" }, select: { actor: { select: { id: true, name: true } } } }))?.actor ?? null)
      : null;
  const answers = candidacyAnswersSchema.safeParse(lead.answers);
  const result = candidacyResultSchema.safeParse(lead.result);
  return {
    ...toLeadSummary(lead, time),
    updatedAt: lead.updatedAt.toISOString(),
    rulesVersion: lead.rulesVersion,
    locale: lead.locale,
    answers: answers.success ? answers.data : null,
    result: result.success ? result.data : null,
    patientNotes: lead.patientNotes,
    consent: {
      contactAccepted: lead.consentContactAccepted,
      privacyAccepted: lead.consentPrivacyAccepted,
      textVersion: lead.consentTextVersion,
      at: lead.consentAt.toISOString(),
      method,
      enteredBy,
    },
    source: { utmSource: lead.utmSource, utmMedium: lead.utmMedium, utmCampaign: lead.utmCampaign, referrer: lead.referrer },
    relatedLead: lead.relatedLead ? toLeadSummary(lead.relatedLead, time) : null,
    laterLeads: lead.laterLeads.map((later) => toLeadSummary(later, time)),
    notes: lead.notes.map((n) => ({ id: n.id, body: n.body, createdAt: n.createdAt.toISOString(), author: n.author })),
    events: lead.events.map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt.toISOString(), actor: e.actor, data: e.data })),
  };
}

/** A staff member opens an inquiry: read it and write the "viewed" audit event. */
export async function viewLead(db: Db, actorId: string, id: string, via: "page" | "api"): Promise<LeadDetail | MergedLead> {
  const detail = await getLeadDetail(db, id);
  await recordAudit(db, { actorId, type: "viewed", leadId: id, data: { via } });
  return detail;
}

/**
 * The detail page shown again after one of its forms was saved (the same visit, not a new one):
 * read the inquiry without counting a view. Only when this person has no view of the inquiry on
 * record at all (a form posted from somewhere else) is one written, so whoever saw an inquiry is
 * always in its audit trail.
 */
export async function reshowLead(db: Db, actorId: string, id: string): Promise<LeadDetail | MergedLead> {
  const [detail, seen] = await Promise.all([
    getLeadDetail(db, id),
    db.leadEvent.findFirst({ where: { leadId: id, type: "viewed", actorId }, select: { id: true } }),
  ]);
  if (!seen) await recordAudit(db, { actorId, type: "viewed", leadId: id, data: { via: "page" } });
  return detail;
}

/** "Opened 5 times by 2 people on 3 days": the staff views of an inquiry from its audit, in the clinic's days. */
export interface LeadViewSummary {
  times: number;
  /** Distinct staff members (a deleted account counts once, as "a former staff member"). */
  people: number;
  /** Distinct calendar days in the clinic's time zone. */
  days: number;
  /** The latest view by someone other than `viewerId`, if any. */
  lastByOther: { name: string; at: string } | null;
}

/**
 * Counts the "viewed" audit rows of one inquiry: how many, by how many people, on how many of the
 * clinic's days. Reads only actor and time of each view (the leadId + createdAt index).
 */
export async function leadViewSummary(db: Db, leadId: string, viewerId: string, timeZone: string): Promise<LeadViewSummary> {
  const views = await db.leadEvent.findMany({
    where: { leadId, type: "viewed" },
    select: { actorId: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const people = new Set(views.map((v) => v.actorId ?? "former"));
  const days = new Set(views.map((v) => localDateOf(v.createdAt, timeZone)));
  const other = views.find((v) => v.actorId !== viewerId);
  let lastByOther: LeadViewSummary["lastByOther"] = null;
  if (other) {
    const actor = other.actorId ? await db.user.findUnique({ where: { id: other.actorId }, select: { name: true } }) : null;
    lastByOther = { name: actor?.name ?? "a former staff member", at: other.createdAt.toISOString() };
  }
  return { times: views.length, people: people.size, days: days.size, lastByOther };
}
