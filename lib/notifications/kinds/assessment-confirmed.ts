import "server-only";

import { z } from "zod";

import { clinicContactOf } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import { defineNotificationKind, drop, requireLeadId, send } from "@/lib/notifications/kind";
import { assessmentConfirmedEmail } from "@/lib/patient-access/emails";
import { issueAccessToken } from "@/lib/patient-access/tokens";

/**
 * The front desk confirmed the estimate from the patient's photos (lib/photos/assessment.ts): an
 * e-mail to the patient in their language with a fresh link to their page, issued at sending time
 * (the outbox never holds a link). No stage, verdict, price or note: the page shows them. One per
 * inquiry until sent (a second confirmation before then replaces it).
 */

export const ASSESSMENT_CONFIRMED = "assessment_confirmed";

export const assessmentConfirmedPayloadSchema = z.object({});

export const assessmentConfirmed = defineNotificationKind({
  id: ASSESSMENT_CONFIRMED,
  payload: assessmentConfirmedPayloadSchema,
  channels: ["email"],
  onDuplicate: "replace",
  /** Still a live inquiry with an address and an assessment? Issues the link for this attempt. */
  check: async (db, message) => {
    const leadId = requireLeadId(message);
    const lead = await db.lead.findUnique({
      where: { id: leadId },
      select: { email: true, firstName: true, reference: true, locale: true, mergedIntoId: true, assessment: { select: { id: true } } },
    });
    if (!lead || lead.mergedIntoId !== null || lead.email.trim() === "" || !lead.assessment) return drop("nothing to send any more");
    const profile = await getClinicProfile(db);
    const locale = lead.locale === "es" ? "es" : "en";
    const { url } = await issueAccessToken(db, leadId, "confirmation_email");
    return send({
      to: lead.email,
      replyTo: profile.email,
      rendered: assessmentConfirmedEmail({ firstName: lead.firstName, reference: lead.reference, locale }, url, clinicContactOf(profile, locale)),
    });
  },
  email: ({ context: { to, replyTo, rendered } }) => ({ to: [to], replyTo, ...rendered }),
});
