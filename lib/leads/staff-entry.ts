import "server-only";

import type { Db } from "@/lib/db/client";
import { createLead, type CreateLeadOutcome } from "@/lib/leads/create-lead";
import { PRIVACY_NOTICE_VERSION } from "@/lib/leads/privacy-notice";
import { STAFF_ENTRY_MEDIUM, type StaffEntryInput } from "@/lib/leads/staff-entry-input";

/**
 * A phone-in or walk-in inquiry entered by a staff member (issue 22 item 6). It goes through the one
 * lead creation path (lib/leads/create-lead.ts): the answers are evaluated by lib/candidacy with the
 * active price table exactly as the questionnaire's, the same repeat-inquiry link, notifications,
 * automatic assignment and idempotency. What differs is recorded, not re-implemented:
 * - source: utmSource "phone" | "walk-in", utmMedium "front-desk" (reports by source count them);
 * - consent: consentMethod "verbal", at the time of entry, given to the staff member named as the
 *   actor of the inquiry's "created" event (the audit: who and when), with the privacy notice version
 *   in force, in the patient's language.
 */
export async function enterLeadByStaff(db: Db, actorId: string, input: StaffEntryInput, now: Date = new Date()): Promise<CreateLeadOutcome> {
  return createLead(
    db,
    {
      answers: input.answers,
      contact: input.contact,
      consent: { contactAccepted: true, privacyAccepted: true, textVersion: `${PRIVACY_NOTICE_VERSION}.${input.locale}` },
      source: { utmSource: input.source, utmMedium: STAFF_ENTRY_MEDIUM },
      idempotencyKey: input.idempotencyKey,
      locale: input.locale,
    },
    // No client address: the staff member's session is the accountability (the event's actor).
    { ip: `staff:${actorId}`, now, entry: { actorId, source: input.source } },
  );
}
