import "server-only";

import { z } from "zod";

import { clinicContactOf } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import { defineNotificationKind, drop, requireLeadId, send } from "@/lib/notifications/kind";
import { patientLinksEmail } from "@/lib/patient-access/emails";
import { issueAccessToken } from "@/lib/patient-access/tokens";

/**
 * "Lost your link?" (lib/patient-access/link-request.ts): fresh links to the patient's own page for
 * each live inquiry of the address, in one e-mail to that address only, in the newest inquiry's
 * language. Queued on the newest inquiry with an empty payload: the address is read from the Lead row
 * when sending, and the links are issued then (only their hashes are stored, so the outbox never
 * holds one). No answers, health details, verdicts or prices: references, dates and links.
 */

export const PATIENT_LINKS = "patient_links";

export const patientLinksPayloadSchema = z.object({});

/** At most this many inquiries per e-mail (the newest). */
const MAX_LINKS = 20;

export const patientLinks = defineNotificationKind({
  id: PATIENT_LINKS,
  payload: patientLinksPayloadSchema,
  channels: ["email"],
  onDuplicate: "keep",
  /** Still an address with live inquiries? Issues one link per inquiry for this attempt's e-mail. */
  check: async (db, message) => {
    const lead = await db.lead.findUnique({ where: { id: requireLeadId(message) }, select: { email: true, mergedIntoId: true } });
    if (!lead || lead.mergedIntoId !== null || lead.email.trim() === "") return drop("nothing to send any more");
    const inquiries = await db.lead.findMany({
      where: { email: lead.email, mergedIntoId: null },
      select: { id: true, reference: true, createdAt: true, firstName: true, locale: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_LINKS,
    });
    const newest = inquiries[0];
    if (!newest) return drop("nothing to send any more");
    const profile = await getClinicProfile(db);
    const locale = newest.locale === "es" ? "es" : "en";
    const links = [];
    for (const inquiry of inquiries) {
      const { url } = await issueAccessToken(db, inquiry.id, "link_email");
      links.push({ reference: inquiry.reference, receivedAt: inquiry.createdAt, url });
    }
    return send({
      to: lead.email,
      replyTo: profile.email,
      rendered: patientLinksEmail({ firstName: newest.firstName, locale }, links, clinicContactOf(profile, locale), profile.timeZone),
    });
  },
  email: ({ context: { to, replyTo, rendered } }) => ({ to: [to], replyTo, ...rendered }),
});
