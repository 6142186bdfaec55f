import "server-only";

import { createHash, randomBytes } from "node:crypto";

import ical, { ICalEventStatus } from "ical-generator";
import { z } from "zod";

import { recordAudit } from "@/lib/audit/record";

import { consultationUid } from "@/lib/booking/invite";
import { CLINIC_CALENDAR } from "@/lib/booking/schemas";
import { getClinicProfile } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { appBaseUrl, getEnv } from "@/lib/env";

/**
 * A staff member's calendar feed (issue 20 item 6): a secret URL `/cal/<token>.ics` that Google,
 * Outlook and Apple calendars subscribe to. It lists the consultations of the consultant the staff
 * account is (or, for an account that is not a consultant, the clinic's single calendar: those with
 * no consultant), from 30 days back, cancelled ones marked STATUS:CANCELLED so subscribed calendars
 * drop them. Each event names the patient by first name and reference only (read at request time,
 * so an erased inquiry vanishes with its consultation): no contact detail, answer, verdict or price.
 *
 * Only the token's SHA-256 is stored (one feed per account); regenerating replaces it (the old URL
 * stops working), revoking deletes it. The token is shown once, when it is made.
 */

export const CALENDAR_FEED_PREFIX = "/cal/";
export const CALENDAR_FEED_PATH = "/staff/account/calendar";
const TOKEN_BYTES = 24;

/** The account page's regenerate and revoke forms carry no fields (the signed-in account is the subject). */
export const calendarFeedActionSchema = z.strictObject({});
const PAST_DAYS = 30;
const DAY_MS = 86_400_000;

export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function calendarFeedUrl(token: string): string {
  return `${appBaseUrl(getEnv())}${CALENDAR_FEED_PREFIX}${token}.ics`;
}

/** Makes (or replaces) the account's feed; returns the new URL, shown once. */
export async function regenerateCalendarFeed(db: Db, userId: string, now: Date = new Date()): Promise<{ url: string }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const tokenHash = hashFeedToken(token);
  await db.calendarFeed.upsert({
    where: { userId },
    create: { id: newId(), userId, tokenHash, createdAt: now },
    update: { tokenHash, createdAt: now },
  });
  await recordAudit(db, { actorId: userId, type: "calendar_feed_created", data: { userId } });
  return { url: calendarFeedUrl(token) };
}

/** Deletes the account's feed (its URL stops working at once). True when there was one. */
export async function revokeCalendarFeed(db: Db, userId: string): Promise<boolean> {
  const { count } = await db.calendarFeed.deleteMany({ where: { userId } });
  if (count > 0) await recordAudit(db, { actorId: userId, type: "calendar_feed_revoked", data: { userId } });
  return count > 0;
}

/** When the account's feed was made, or null (the page says whether one exists; the URL is never shown again). */
export async function calendarFeedOf(db: Db, userId: string): Promise<{ createdAt: Date } | null> {
  return db.calendarFeed.findUnique({ where: { userId }, select: { createdAt: true } });
}

/** The token from the last path segment "<token>.ics"; null when it is not one. */
export function feedTokenOf(segment: string): string | null {
  const match = /^([A-Za-z0-9_-]{16,64})\.ics$/.exec(segment);
  return match?.[1] ?? null;
}

/**
 * The feed's .ics text for a token, or null (unknown or revoked token, or a deactivated account).
 */
export async function calendarFeedIcs(db: Db, token: string, now: Date = new Date()): Promise<string | null> {
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { userId: true, user: { select: { name: true, deactivatedAt: true } } },
  });
  if (!feed || feed.user.deactivatedAt !== null) return null;
  const consultant = await db.consultant.findUnique({ where: { userId: feed.userId }, select: { id: true } });
  const calendarKey = consultant ? consultant.id : CLINIC_CALENDAR;
  const [profile, rows] = await Promise.all([
    getClinicProfile(db),
    db.consultation.findMany({
      where: { calendarKey, startsAt: { gte: new Date(now.getTime() - PAST_DAYS * DAY_MS) } },
      select: { id: true, type: true, startsAt: true, endsAt: true, status: true, icsSequence: true, lead: { select: { firstName: true, reference: true } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const appUrl = appBaseUrl(getEnv());
  const calendar = ical({
    prodId: { company: "SMP Estimator", product: "Consultation feed", language: "EN" },
    name: `Consultations – ${profile.name}`,
    ttl: 15 * 60,
  });
  const TYPE: Record<string, string> = { in_person: "in person", video: "video", phone: "phone" };
  for (const row of rows) {
    const who = row.lead.reference ? `${row.lead.firstName} (${row.lead.reference})` : row.lead.firstName;
    const marked = row.status === "attended" ? " – attended" : row.status === "no_show" ? " – no-show" : "";
    calendar.createEvent({
      id: consultationUid(row.id, appUrl),
      sequence: row.icsSequence,
      stamp: now,
      start: row.startsAt,
      end: row.endsAt,
      summary: `Consultation (${TYPE[row.type] ?? row.type}): ${who}${marked}`,
      url: `${appUrl.replace(/\/+$/, "")}/staff/agenda`,
      status: row.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
