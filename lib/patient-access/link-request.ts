import "server-only";

import { createHmac } from "node:crypto";

import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/leads/rate-limit";
import { enqueueNotification } from "@/lib/notifications/enqueue";
import { PATIENT_LINKS } from "@/lib/notifications/kinds/patient-links";
import type { LinkRequestInput } from "@/lib/patient-access/schemas";

/**
 * "Lost your link?" (POST /api/v1/my/link): the caller gets the same 202 whatever the address, so
 * the answer never tells who has an inquiry here. For an address with live inquiries (not erased,
 * not merged away), ONE e-mail is queued in the outbox (kind PATIENT_LINKS,
 * lib/notifications/kinds/patient-links.ts, empty payload, on the newest inquiry: the address is
 * read from the Lead row when sending, as for the confirmation); the worker then issues a fresh
 * link for each of that address's live inquiries and sends them to that address only. Nothing is queued when the clinic has no e-mail configured, or while one such
 * e-mail for the address still waits to be sent. Limits: per client and per address (a keyed hash
 * of it), lib/leads/rate-limit.ts.
 */

/** The key the per-address limit counts under: a keyed hash, so the counter table never holds an address. */
export function addressRateKey(email: string): string {
  const key = getEnv().BETTER_AUTH_SECRET ?? "smp-estimator-address-key";
  return createHmac("sha256", key).update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/** Counts one request against the address's limit; false when over it (the caller answers the same 202). */
async function withinAddressLimit(email: string): Promise<boolean> {
  try {
    await consumeRateLimit("patient_link_address", addressRateKey(email));
    return true;
  } catch (error) {
    if (error instanceof RateLimitedError) return false;
    throw error;
  }
}

/**
 * Queues the link e-mail when the address has live inquiries and is within its limit; returns
 * whether one was queued (never shown to the caller: the answer is the same 202 either way).
 */
export async function requestPatientLinks(db: Db, input: LinkRequestInput, options: { now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  if (!(await withinAddressLimit(input.email))) return false;
  const newest = await db.lead.findFirst({
    where: { email: input.email, mergedIntoId: null },
    select: { id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!newest) return false;
  const waiting = await db.outboxMessage.count({ where: { leadId: newest.id, kind: PATIENT_LINKS, deliveredAt: null, withdrawnAt: null } });
  if (waiting > 0) return false;
  // Only by e-mail, and only when the clinic has e-mail configured (otherwise nothing is queued).
  const { ids } = await enqueueNotification(db, PATIENT_LINKS, {}, { leadId: newest.id, now });
  return ids.length > 0;
}

/** The one answer to every link request, whatever the address. */
export const LINK_REQUEST_ANSWER: Readonly<Record<"en" | "es", string>> = {
  en: "If this address has a request with us, we have sent the link to it. Check your inbox in a few minutes (and your spam folder).",
  es: "Si esta dirección tiene una solicitud con nosotros, le hemos enviado el enlace. Revise su bandeja de entrada en unos minutos (y la carpeta de correo no deseado).",
};
