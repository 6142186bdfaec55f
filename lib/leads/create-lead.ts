import "server-only";

import { createHmac } from "node:crypto";

import { evaluateCandidacy, type CandidacyLocale, type CandidacyResult } from "@/lib/candidacy";
import { getClinicSettings } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { CreateLeadInput } from "@/lib/leads/lead-input";
import { newId } from "@/lib/db/ids";
import { toJson } from "@/lib/db/json";
import type { LeadDraft } from "@/lib/leads/lead-row";
import { isIdempotencyKeyViolation, isReferenceViolation, writeLead } from "@/lib/leads/lead-write";
import { newLeadReference } from "@/lib/leads/reference";
import { leadSearchText } from "@/lib/leads/search-text";
import { logger } from "@/lib/log/logger";
import { configuredChannels, notificationConfigFromEnv, type NotificationChannel } from "@/lib/notifications/config";
import { getActivePriceTableCached } from "@/lib/pricing/price-table-store";
import { hasSubscribers } from "@/lib/webhooks/emit";

/**
 * One inquiry, step by step: the honeypot, the result recomputed from the answers, the contact
 * details normalised into the row (lib/leads/lead-row.ts), the repeat-inquiry window, the write
 * (lib/leads/lead-write.ts, one transaction) and the idempotent replay of a key seen before.
 */

/** A second inquiry from the same email or phone within this window is linked to the earlier one. */
export const REPEAT_INQUIRY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface CreateLeadOptions {
  /** Client IP (rate limiting happens before; here only a keyed hash is kept, for abuse review). */
  ip: string;
  /** Submission time (default: now). The seed uses it to spread demo leads over past days. */
  now?: Date;
  /** Language of the patient messages when the body has no `locale` (the route passes Accept-Language). */
  locale?: CandidacyLocale;
  /** Outbox channels to write (default: the channels configured in the environment). */
  channels?: readonly NotificationChannel[];
  /** "prisma" forces the Prisma nested-create path (tests compare it with the SQL path). Default "auto". */
  writePath?: "auto" | "prisma";
  /** Draws a reference (tests force a collision with it). Default: newLeadReference. */
  newReference?: () => string;
  /**
   * Queue the patient's confirmation e-mail (lib/notifications/kinds/patient-confirmation.ts). Default: when the
   * e-mail channel is configured (SMTP_URL and its sender) in the environment.
   */
  patientConfirmation?: boolean;
  /**
   * Entered by a staff member for a phone-in or walk-in patient (lib/leads/staff-entry.ts): consent is
   * stored as given verbally (consentMethod "verbal"), and the "created" event names that staff member.
   */
  entry?: { actorId: string; source: "phone" | "walk-in" };
}

/** How many references are drawn before giving up (a collision is about 1 in a million per draw at 40k leads). */
export const REFERENCE_ATTEMPTS = 5;

export interface CreateLeadOutcome {
  id: string;
  /** The short reference shown to the patient (null only for an inquiry stored before references). */
  reference: string | null;
  result: CandidacyResult;
  /** false: the idempotency key was seen before; `id`/`result` are the FIRST lead's. */
  created: boolean;
  /** false only for a honeypot submission: nothing was stored, `id` is a decoy. */
  stored: boolean;
  relatedLeadId: string | null;
}

/**
 * Stores one inquiry: the lead with its answers, recomputed result, filter columns, contact,
 * consent, source; the "created" LeadEvent; one outbox row per notification channel. All in ONE
 * database transaction: all or nothing.
 *
 * Write path (docs/decisions/008-lead-write-path.md): this is the app's hottest write, so it runs
 * as plain SQL on the client's own driver connection instead of a Prisma nested create (which cost
 * about 5x the CPU of the rest of the request); see lib/leads/lead-write.ts.
 *
 * Idempotency rests on the unique index on Lead.idempotencyKey: a key seen before (a retry, or a
 * concurrent duplicate that won the race) makes the insert fail with a unique violation; the first
 * lead is then read back and returned with `created: false`. The price table is read outside the
 * transaction (a short-lived cache, see getActivePriceTableCached); the lead records the version
 * it was priced with.
 *
 * Database errors propagate; the route wrapper answers 503 for an unavailable store.
 */
export async function createLead(db: Db, input: CreateLeadInput, options: CreateLeadOptions): Promise<CreateLeadOutcome> {
  const now = options.now ?? new Date();
  const locale: CandidacyLocale = input.locale ?? options.locale ?? "en";

  // Honeypot: answer exactly like a success (same status, shape and a plausible id) but store nothing,
  // so a bot cannot tell it was caught. See docs/decisions/006-spam-protection.md.
  if (input.website !== undefined && input.website.trim() !== "") {
    const result = evaluateCandidacy(input.answers, await getActivePriceTableCached(db), { locale });
    logger.info({ op: "createLead", ipHash: ipHash(options.ip) }, "honeypot filled: submission discarded");
    return { id: decoyLeadId(), reference: newLeadReference(), result, created: true, stored: false, relatedLeadId: null };
  }

  // Never trust a client's result: recompute from the answers with the ACTIVE price table.
  // The idempotency key is not looked up first: the unique index decides (see the catch below),
  // which saves a query on every first submission; retries are the rare case.
  // Both cached reads (a query only every few seconds per process).
  const [table, { autoAssign }] = await Promise.all([getActivePriceTableCached(db), getClinicSettings(db)]);
  const result = evaluateCandidacy(input.answers, table, { locale });
  const notificationConfig = options.channels === undefined || options.patientConfirmation === undefined ? notificationConfigFromEnv(getEnv()) : undefined;
  const channels = [...(options.channels ?? configuredChannels(notificationConfig ?? {}))];
  // The lead.created webhook event rides the inquiry's own statement as one more outbox row (channel
  // "endpoint", fanned out to the endpoints when sent): only while an endpoint subscribes (a cached read).
  if (options.channels === undefined && (await hasSubscribers(db, "lead.created"))) channels.push("endpoint");
  const confirm = options.patientConfirmation ?? notificationConfig?.email !== undefined;
  const drawReference = options.newReference ?? newLeadReference;
  const draft = leadDraft(input, result, locale, now, ipHash(options.ip), channels, drawReference());
  draft.autoAssign = autoAssign;
  draft.confirmationId = confirm && input.contact.email !== "" ? newId() : null;
  if (options.entry) {
    draft.entry = options.entry;
    draft.lead.consentMethod = "verbal";
  }

  for (let attempt = 1; ; attempt++) {
    try {
      const written = await writeLead(db, draft, options.writePath ?? "auto");
      return { id: written.id, reference: draft.lead.reference, result, created: true, stored: true, relatedLeadId: written.relatedLeadId };
    } catch (error) {
      if (isIdempotencyKeyViolation(error)) {
        // The key was stored before (a retry) or by a concurrent submission that won the race:
        // answer with that first lead; nothing new is stored.
        const winner = await findByIdempotencyKey(db, input.idempotencyKey);
        if (winner) return winner;
      }
      // The reference is taken (the transaction rolled back, nothing was stored): draw another.
      if (isReferenceViolation(error) && attempt < REFERENCE_ATTEMPTS) {
        const reference = drawReference();
        draft.lead = { ...draft.lead, reference, searchText: searchTextOf(input, reference) };
        continue;
      }
      throw error;
    }
  }
}

/** Folded "first last email phone reference" for accent- and case-insensitive search (lib/leads/search-text.ts). */
function searchTextOf(input: CreateLeadInput, reference: string): string {
  const { contact } = input;
  return leadSearchText({ firstName: contact.firstName, lastName: contact.lastName, email: contact.email, phone: contact.phone, reference });
}

/** The rows to store, from the validated input and the recomputed result (normalised for storage and search). */
function leadDraft(
  input: CreateLeadInput,
  result: CandidacyResult,
  locale: CandidacyLocale,
  now: Date,
  ipHashValue: string,
  channels: readonly NotificationChannel[],
  reference: string,
): LeadDraft {
  const { contact, consent, answers } = input;
  return {
    now,
    repeatWindow: { from: new Date(now.getTime() - REPEAT_INQUIRY_WINDOW_MS), to: now },
    ipHash: ipHashValue,
    channels,
    eventId: newId(),
    outboxIds: channels.map(() => newId()),
    autoAssign: "off",
    assignEventId: newId(),
    confirmationId: null,
    entry: null,
    lead: {
      id: newId(),
      createdAt: now,
      // What Prisma's @updatedAt stores: the time of the write (differs from createdAt for seeded past leads).
      updatedAt: new Date(),
      status: "new",
      eligibility: result.status,
      flagCodes: flagCodesColumn(result),
      lossPattern: answers.lossPattern,
      norwoodStage: answers.norwoodStage ?? null,
      ludwigStage: answers.ludwigStage ?? null,
      sex: answers.sex,
      age: answers.age,
      goal: answers.goal,
      priceMinUsd: result.price.minUsd,
      priceMaxUsd: result.price.maxUsd,
      priceBasis: result.price.basis,
      priceEstimate: result.price.estimate,
      priceTableVersion: result.price.tableVersion,
      rulesVersion: result.rulesVersion,
      answers: toJson(answers),
      result: toJson(result),

      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      preferredContact: contact.preferredContact,
      patientNotes: contact.notes === undefined || contact.notes === "" ? null : contact.notes,
      searchText: searchTextOf(input, reference),
      locale,

      consentContactAccepted: consent.contactAccepted,
      consentPrivacyAccepted: consent.privacyAccepted,
      consentTextVersion: consent.textVersion,
      consentAt: now,
      consentMethod: "online",

      utmSource: emptyToNull(input.source?.utmSource),
      utmMedium: emptyToNull(input.source?.utmMedium),
      utmCampaign: emptyToNull(input.source?.utmCampaign),
      referrer: emptyToNull(input.source?.referrer),

      idempotencyKey: input.idempotencyKey,
      reference,
      version: 1,
    },
  };
}

async function findByIdempotencyKey(db: Db, idempotencyKey: string): Promise<CreateLeadOutcome | null> {
  const lead = await db.lead.findUnique({
    where: { idempotencyKey },
    select: { id: true, reference: true, result: true, relatedLeadId: true },
  });
  if (!lead) return null;
  // Stored by this module from a validated CandidacyResult.
  return {
    id: lead.id,
    reference: lead.reference,
    result: lead.result as unknown as CandidacyResult,
    created: false,
    stored: true,
    relatedLeadId: lead.relatedLeadId,
  };
}

/** ",CODE_A,CODE_B," (or "," without flags) so a flag filter is a portable LIKE '%,CODE,%'. */
export function flagCodesColumn(result: Pick<CandidacyResult, "flags">): string {
  return result.flags.length === 0 ? "," : `,${result.flags.map((f) => f.code).join(",")},`;
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}

/**
 * A keyed, truncated hash of the client IP: enough to see that many submissions came from one
 * address, not enough to recover the address. The key is the auth secret (stable per install).
 */
export function ipHash(ip: string): string {
  const key = getEnv().BETTER_AUTH_SECRET ?? "smp-estimator-ip-hash";
  return createHmac("sha256", key).update(ip).digest("hex").slice(0, 16);
}

/** Looks like a stored lead's id (same shape: "c" + 24 lower-case base-36 characters). */
export function decoyLeadId(): string {
  return newId();
}
