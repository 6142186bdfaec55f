import "server-only";

import { clinicContactOf, type ContactLocale } from "@/lib/clinic/contact";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { eraseLead } from "@/lib/leads/erase-lead";
import { newId } from "@/lib/db/ids";
import { logger } from "@/lib/log/logger";
import type { EmailChannelConfig } from "@/lib/notifications/config";
import { sendEmail } from "@/lib/notifications/email";
import { patientErasedEmail } from "@/lib/patient-access/emails";
import { requireAccess, tokenNotFound } from "@/lib/patient-access/patient-view";
import type { EraseOwnInquiryInput } from "@/lib/patient-access/schemas";

/**
 * "Erase my inquiry" (DELETE /api/v1/my/{token}, { confirm: "ERASE" }): the admin's erasure
 * (lib/leads/erase-lead.ts: the inquiry, its merged duplicates, notes, outbox, history and links, in
 * one transaction; one "erased" stub with no actor and `by: "patient"`), then a confirmation e-mail.
 *
 * The confirmation is sent at once, not through the outbox: an outbox row needs its inquiry (gone)
 * and would have to keep the address after the person asked for it to be erased. So the address,
 * first name and reference live only in this function's memory; an SMTP failure is logged (without
 * them) and not retried. The page shows its own confirmation either way.
 */

export interface OwnErasureOutcome {
  erasedIds: string[];
  /** Whether the confirmation e-mail went out (false: no e-mail configured, no address, or SMTP failed). */
  emailed: boolean;
}

export async function eraseOwnInquiry(
  db: Db,
  token: string,
  _input: EraseOwnInquiryInput,
  options: { email?: EmailChannelConfig; now?: Date } = {},
): Promise<OwnErasureOutcome> {
  const leadId = await requireAccess(db, token, options.now);
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { email: true, firstName: true, reference: true, locale: true } });
  if (!lead) throw tokenNotFound();
  const { erasedIds } = await eraseLead(db, null, leadId, { byPatient: true }).catch((error: unknown) => {
    // Erased in between (a second tab, the retention job): the link opens nothing any more.
    if ((error as Error | undefined)?.name === "NotFoundError") throw tokenNotFound();
    throw error;
  });
  let emailed = false;
  if (options.email && lead.email.trim() !== "") {
    const locale: ContactLocale = lead.locale === "es" ? "es" : "en";
    try {
      const profile = await getClinicProfile(db);
      const email = patientErasedEmail({ firstName: lead.firstName, reference: lead.reference, locale }, clinicContactOf(profile, locale));
      await sendEmail(options.email, { to: [lead.email], replyTo: profile.email, ...email }, newId());
      emailed = true;
    } catch (error) {
      logger.warn({ op: "patientErasure", err: { name: (error as Error | undefined)?.name, code: (error as { code?: unknown } | undefined)?.code } }, "erasure confirmation e-mail not sent");
    }
  }
  return { erasedIds, emailed };
}
