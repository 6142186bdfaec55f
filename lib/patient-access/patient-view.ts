import "server-only";

import type { CandidacyResult } from "@/lib/candidacy/result";
import { resultInLocale } from "@/lib/candidacy/result-words";
import { recordAudit } from "@/lib/audit/record";
import { clinicContactOf } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { type AppLocale, isAppLocale } from "@/lib/i18n/locales";
import { PATIENT_ACCESS_MESSAGES, patientStageOf, type PatientView } from "@/lib/patient-access/schemas";
import { resolveAccessToken } from "@/lib/patient-access/tokens";

/**
 * The inquiry as its patient may see it, behind their link: first name, reference, language, where
 * it stands, the result exactly as it was shown (stored with the inquiry; its price pinned to the
 * table version it was computed with) and the clinic's contact. Never the staff's notes,
 * assignee, flags for staff or anyone else's data. Each view is audited as the patient's.
 */

/** The one answer for a token that opens nothing (same body whatever the reason). */
export function tokenNotFound(): NotFoundError {
  return new NotFoundError(PATIENT_ACCESS_MESSAGES.notFound);
}

/** The lead a token opens, or NotFoundError (unknown, expired, erased: the same error, the same work). */
export async function requireAccess(db: Db, token: string, now: Date = new Date()): Promise<string> {
  const leadId = await resolveAccessToken(db, token, now);
  if (leadId === null) throw tokenNotFound();
  return leadId;
}

/**
 * The language a link's inquiry was sent in, without counting a view (the page opens in it, by a
 * redirect that names it, before it renders the view); null when the link opens nothing.
 */
export async function inquiryLocale(db: Db, token: string, now: Date = new Date()): Promise<AppLocale | null> {
  const leadId = await resolveAccessToken(db, token, now);
  if (leadId === null) return null;
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { locale: true } });
  if (!lead) return null;
  return isAppLocale(lead.locale) ? lead.locale : "en";
}

export interface PatientViewOptions {
  /** The language to show (default: the inquiry's own). */
  locale?: AppLocale;
  now?: Date;
}

/** GET /api/v1/my/{token} and the page /my/<token>: the view, audited ("patient_viewed"). */
export async function viewOwnInquiry(db: Db, token: string, options: PatientViewOptions = {}): Promise<PatientView> {
  const leadId = await requireAccess(db, token, options.now);
  const lead = await db.lead.findUnique({
    where: { id: leadId },
    select: { id: true, firstName: true, reference: true, locale: true, createdAt: true, status: true, result: true },
  });
  if (!lead) throw tokenNotFound();
  await recordAudit(db, { actorId: null, type: "patient_viewed", leadId: lead.id, data: { by: "patient" } });
  const storedLocale: AppLocale = isAppLocale(lead.locale) ? lead.locale : "en";
  const locale = options.locale ?? storedLocale;
  // Stored by lib/leads/create-lead.ts from a validated CandidacyResult, in the inquiry's language.
  const stored = lead.result as unknown as CandidacyResult;
  const profile = await getClinicProfile(db);
  return {
    firstName: lead.firstName,
    reference: lead.reference,
    locale: storedLocale,
    receivedAt: lead.createdAt.toISOString(),
    stage: patientStageOf(lead.status),
    result: locale === storedLocale ? stored : resultInLocale(stored, locale),
    clinic: clinicContactOf(profile, locale),
  };
}
