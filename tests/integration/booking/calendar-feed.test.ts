/**
 * A consultant's calendar feed (issue 20 item 6) on SQLite and PostgreSQL: GET /cal/<token>.ics over
 * the real route handler, parsed back with ical.js; the token is stored hashed, regenerating
 * retires the old URL, revoking stops the feed; events name the first name and reference only.
 */
import ICAL from "ical.js";

import { GET } from "@/app/cal/[feed]/route";
import { bookConsultation, cancelConsultation } from "@/lib/booking/consultations";
import { calendarFeedOf, hashFeedToken, regenerateCalendarFeed, revokeCalendarFeed } from "@/lib/booking/calendar-feed";
import { invalidateClinicCache } from "@/lib/clinic/store";
import { closeDb } from "@/lib/db/client";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

import { useDatabaseUrl } from "../leads/route-helpers";

// Monday 2027-01-04 08:00 in Los Angeles; Thursday 2027-01-07 09:00 PST.
const NOW = new Date("2027-01-04T16:00:00Z");
const SLOT = new Date("2027-01-07T17:00:00Z");
const staff = { by: "staff", userId: null } as const;

function tokenOf(url: string): string {
  const match = /\/cal\/([^/]+)\.ics$/.exec(url);
  if (!match?.[1]) throw new Error("not a feed URL");
  return match[1];
}

async function fetchFeed(segment: string): Promise<Response> {
  return GET(new Request(`http://localhost/cal/${segment}`), { params: Promise.resolve({ feed: segment }) });
}

function eventsOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate(), sequence: event.sequence, status: String(v.getFirstPropertyValue("status")) };
  });
}

forEachProvider("consultant calendar feed", (t: ProviderContext) => {
  const fixture = staffFixture(t, { lead: false });
  beforeAll(() => {
    useDatabaseUrl(t.url, { APP_URL: "https://clinic.example.com" });
    invalidateClinicCache();
  });
  afterAll(() => closeDb());

  it("lists the consultant's own consultations by first name and reference, cancelled ones as CANCELLED; private headers", async () => {
    const consultant = await t.db.consultant.create({ data: { userId: fixture.front.id } });
    const body = buildLeadBody({ contact: { firstName: "Marisol", lastName: "Quintanilla-Feed" } });
    const { id: leadId } = await createLead(t.db, createLeadSchema.parse(body), { ip: "198.51.100.40", channels: [], patientConfirmation: false });
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: leadId } });
    const booked = await bookConsultation(t.db, { leadId, type: "in_person", start: SLOT, consultantId: consultant.id, actor: staff, now: NOW });

    const { url } = await regenerateCalendarFeed(t.db, fixture.front.id);
    expect(url).toMatch(/^https:\/\/clinic\.example\.com\/cal\/[A-Za-z0-9_-]+\.ics$/);
    const token = tokenOf(url);
    const stored = await t.db.calendarFeed.findUniqueOrThrow({ where: { userId: fixture.front.id } });
    expect(stored.tokenHash).toBe(hashFeedToken(token));
    expect(stored.tokenHash).not.toContain(token);

    const res = await fetchFeed(`${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const ics = await res.text();
    expect(ics).toContain("\r\n");
    const events = eventsOf(ics);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: `consultation-${booked.id}@clinic.example.com`, sequence: booked.icsSequence, status: "CONFIRMED" });
    expect(events[0]!.start.getTime()).toBe(SLOT.getTime());
    expect(events[0]!.summary).toContain(`Marisol (${lead.reference})`);
    for (const secret of ["Quintanilla", lead.email, lead.phone]) expect(ics).not.toContain(secret);

    // The admin is no consultant: their feed is the clinic's single calendar, without this one.
    const adminFeed = await regenerateCalendarFeed(t.db, fixture.admin.id);
    expect(eventsOf(await (await fetchFeed(`${tokenOf(adminFeed.url)}.ics`)).text())).toHaveLength(0);

    await cancelConsultation(t.db, { consultationId: booked.id, actor: staff, selfService: false, now: NOW });
    const after = eventsOf(await (await fetchFeed(`${token}.ics`)).text());
    expect(after[0]).toMatchObject({ status: "CANCELLED", sequence: booked.icsSequence + 1 });
  });

  it("regenerating retires the old URL; revoking stops the feed; a malformed or unknown token is a plain 404", async () => {
    const first = tokenOf((await regenerateCalendarFeed(t.db, fixture.front.id)).url);
    const second = tokenOf((await regenerateCalendarFeed(t.db, fixture.front.id)).url);
    expect(second).not.toBe(first);
    expect((await fetchFeed(`${first}.ics`)).status).toBe(404);
    expect((await fetchFeed(`${second}.ics`)).status).toBe(200);
    expect(await calendarFeedOf(t.db, fixture.front.id)).not.toBeNull();

    expect(await revokeCalendarFeed(t.db, fixture.front.id)).toBe(true);
    const gone = await fetchFeed(`${second}.ics`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("cache-control")).toBe("no-store");
    expect(await calendarFeedOf(t.db, fixture.front.id)).toBeNull();
    expect(await revokeCalendarFeed(t.db, fixture.front.id)).toBe(false);
    const audit = await t.db.leadEvent.findMany({ where: { actorId: fixture.front.id, type: { in: ["calendar_feed_created", "calendar_feed_revoked"] } } });
    expect(audit.filter((a) => a.type === "calendar_feed_revoked")).toHaveLength(1);
    expect(audit.filter((a) => a.type === "calendar_feed_created").length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit.map((a) => a.data))).not.toContain(second);

    for (const segment of [second, `${second}.txt`, "short.ics", "../etc.ics", `${"A".repeat(40)}.ics`]) {
      expect((await fetchFeed(segment)).status).toBe(404);
    }
  });
});
