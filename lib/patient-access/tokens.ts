import "server-only";

import { createHash, createHmac, randomBytes } from "node:crypto";

import type { Db, DbTransaction } from "@/lib/db/client";
import { appBaseUrl, getEnv } from "@/lib/env";

/**
 * The patient's link to their own page, `APP/my/<token>` (docs/decisions/020-patient-page.md).
 *
 * - The token is 160 random bits as 40 lower-case hex characters (hex: no word can appear in it by
 *   chance, and it survives every mail client's line wrapping and auto-linking).
 * - Only its SHA-256 is stored (PatientAccessToken.tokenHash). The token itself exists in the
 *   answer that issued it and in the e-mail that carried it, never in the database or a log.
 * - Because nothing can turn a hash back into a link, each e-mail (the confirmation, "Lost your
 *   link?") issues a new random token; the inquiry's answer carries one derived token, the same on
 *   its idempotent replays (issueLeadAccess). A lead may have several live tokens; each works alone.
 * - A token expires PATIENT_LINK_DAYS after it was issued, and dies with its inquiry (erasure by the
 *   patient, an admin or retention: ON DELETE CASCADE, plus the erasure participant list).
 * - Lookup (`resolveAccessToken`) always does the same work: hash, then ONE query on the unique
 *   index with the expiry in its WHERE clause. Unknown, expired, erased and malformed tokens all
 *   take that same path and come back `null`, so neither the answer nor its timing tells them apart.
 */

/** How long one link works after it was issued; a new one is one "Lost your link?" away. */
export const PATIENT_LINK_DAYS = 180;
export const TOKEN_BYTES = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a token was issued (stored, for the export and for support questions); "replay": the answer's link re-created by a replay. */
export type AccessTokenPurpose = "created" | "replay" | "confirmation_email" | "link_email";

/** The page's path prefix: the logger redacts whatever follows it (lib/log/redact.ts). */
export const PATIENT_PAGE_PREFIX = "/my/";

export function newAccessToken(): string {
  return randomBytes(TOKEN_BYTES).toString("hex");
}

/** SHA-256 of the token as lower-case hex: what the database keeps. */
export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The page's absolute address for a token (APP_URL, or the app's default origin). */
export function patientPageUrl(token: string): string {
  return `${appBaseUrl(getEnv())}${PATIENT_PAGE_PREFIX}${token}`;
}

export interface IssuedAccess {
  token: string;
  url: string;
  expiresAt: Date;
}

/** Issues a fresh link for one inquiry: stores its hash, returns the token (shown once, never kept). */
export async function issueAccessToken(db: Db | DbTransaction, leadId: string, purpose: AccessTokenPurpose, now: Date = new Date()): Promise<IssuedAccess> {
  const token = newAccessToken();
  const expiresAt = new Date(now.getTime() + PATIENT_LINK_DAYS * DAY_MS);
  await db.patientAccessToken.create({ data: { leadId, tokenHash: hashAccessToken(token), issuedFor: purpose, createdAt: now, expiresAt } });
  return { token, url: patientPageUrl(token), expiresAt };
}

/**
 * The live inquiry a token opens, or null (unknown, expired, erased, malformed: one indistinguishable
 * answer, by the same work). A duplicate the front desk merged into another inquiry of the same
 * person opens that one (the survivor holds the person's details now).
 */
export async function resolveAccessToken(db: Db, token: string, now: Date = new Date()): Promise<string | null> {
  const row = await db.patientAccessToken.findFirst({
    where: { tokenHash: hashAccessToken(token), expiresAt: { gt: now } },
    select: { leadId: true, lead: { select: { mergedIntoId: true } } },
  });
  if (!row) return null;
  let leadId = row.leadId;
  let mergedIntoId = row.lead.mergedIntoId;
  // Merges can chain (a survivor merged again later); a short walk, bounded.
  for (let hop = 0; mergedIntoId !== null && hop < 5; hop++) {
    leadId = mergedIntoId;
    mergedIntoId = (await db.lead.findUnique({ where: { id: leadId }, select: { mergedIntoId: true } }))?.mergedIntoId ?? null;
  }
  return mergedIntoId === null ? leadId : null;
}

/**
 * The link POST /api/v1/leads answers with, the same on the 201 and on every idempotent 200 (a
 * replay stores nothing new): only a hash is kept, so this one token is DERIVED rather than drawn,
 * HMAC-SHA256(server secret, lead id + idempotency key), cut to TOKEN_BYTES. Nobody without both
 * the server's secret (BETTER_AUTH_SECRET) and the submission's idempotency key (a random UUID only
 * the patient's browser sent) can compute it. Stored as its hash like any other link; a replay
 * re-creates the row only if it is missing (e.g. the first answer failed after the inquiry was
 * stored). A honeypot submission (nothing stored) gets a well-formed link that opens nothing, so a
 * bot cannot tell it was caught. Links sent by e-mail are random (newAccessToken).
 */
export function answerAccessToken(leadId: string, idempotencyKey: string): string {
  const key = getEnv().BETTER_AUTH_SECRET ?? "smp-estimator-patient-link";
  return createHmac("sha256", key).update(`patient-link\0${leadId}\0${idempotencyKey}`).digest("hex").slice(0, TOKEN_BYTES * 2);
}

export async function issueLeadAccess(
  db: Db,
  outcome: { id: string; created: boolean; stored: boolean },
  idempotencyKey: string,
  now: Date = new Date(),
): Promise<{ url: string }> {
  if (!outcome.stored) return { url: patientPageUrl(newAccessToken()) };
  const token = answerAccessToken(outcome.id, idempotencyKey);
  const tokenHash = hashAccessToken(token);
  const exists = !outcome.created && (await db.patientAccessToken.findUnique({ where: { tokenHash }, select: { id: true } })) !== null;
  if (!exists) {
    const expiresAt = new Date(now.getTime() + PATIENT_LINK_DAYS * DAY_MS);
    await db.patientAccessToken.create({ data: { leadId: outcome.id, tokenHash, issuedFor: outcome.created ? "created" : "replay", createdAt: now, expiresAt } });
  }
  return { url: patientPageUrl(token) };
}
