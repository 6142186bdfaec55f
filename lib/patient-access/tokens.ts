import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { Db, DbTransaction } from "@/lib/db/client";
import { appBaseUrl, getEnv } from "@/lib/env";

/**
 * The patient's link to their own page, `APP/my/<token>` (docs/decisions/020-patient-page.md).
 *
 * - The token is 160 random bits as 40 lower-case hex characters (hex: no word can appear in it by
 *   chance, and it survives every mail client's line wrapping and auto-linking).
 * - Only its SHA-256 is stored (PatientAccessToken.tokenHash). The token itself exists in the
 *   answer that issued it and in the e-mail that carried it, never in the database or a log.
 * - Because nothing can turn a hash back into a link, every way to get a link issues a new token:
 *   the inquiry's answer (201), its idempotent replay (200), the confirmation e-mail, the
 *   "Lost your link?" e-mail. A lead may therefore have several live tokens; each works alone.
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

/** Why a token was issued (stored, for the export and for support questions). */
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
 * The link POST /api/v1/leads answers with: a new token for a stored inquiry ("created" for the
 * 201, "replay" for the idempotent 200: only a hash of the first one exists, so a replay cannot
 * return it and gets its own). A honeypot submission (nothing stored) gets a well-formed link that
 * opens nothing, so a bot cannot tell it was caught.
 */
export async function issueLeadAccess(db: Db, outcome: { id: string; created: boolean; stored: boolean }): Promise<{ url: string }> {
  if (!outcome.stored) return { url: patientPageUrl(newAccessToken()) };
  const { url } = await issueAccessToken(db, outcome.id, outcome.created ? "created" : "replay");
  return { url };
}
