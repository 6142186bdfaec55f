/**
 * The window's consultations behind every slots answer (lib/booking/availability.ts loadBusyRanges):
 * read as arrays on the driver underneath the client, instants computed by the database. Both read
 * paths (driver, Prisma's $queryRaw) give the same ranges, exactly the stored instants, on SQLite and
 * PostgreSQL: not cancelled, blocking some time of the range (bounded by blockedStart >= from - 1 day),
 * the moved consultation's own row left out.
 */
import { loadBusyRanges } from "@/lib/booking/availability";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

async function newLead(db: Db): Promise<string> {
  return (await createLead(db, createLeadSchema.parse(buildLeadBody()), { ip: "198.51.100.21", channels: [], patientConfirmation: false })).id;
}

/** A consultation on the clinic calendar: [start, start + minutes), blocked `before` / `after` minutes more. */
function row(leadId: string, start: string, minutes: number, status = "attended", before = 0, after = 0) {
  const s = new Date(start);
  const e = new Date(s.getTime() + minutes * 60_000);
  return {
    id: newId(),
    leadId,
    calendarKey: "clinic",
    type: "in_person",
    startsAt: s,
    endsAt: e,
    blockedStart: new Date(s.getTime() - before * 60_000),
    blockedEnd: new Date(e.getTime() + after * 60_000),
    status,
    bookedBy: "staff",
  };
}

forEachProvider("booking: the window's consultations (loadBusyRanges)", (t: ProviderContext) => {
  it("reads exactly the ranges that block the window, with their stored instants, the same on both read paths", async () => {
    const leads: string[] = [];
    for (let i = 0; i < 7; i++) leads.push(await newLead(t.db));
    // The range: [2027-03-10 08:00Z, 2027-03-12 08:00Z).
    const range = { gte: new Date("2027-03-10T08:00:00.000Z"), lt: new Date("2027-03-12T08:00:00.000Z") };
    const rows = [
      row(leads[0]!, "2027-03-10T17:00:00.123Z", 30), // inside, with milliseconds
      row(leads[1]!, "2027-03-10T07:45:00.000Z", 30, "booked", 0, 15), // starts before, its buffer reaches in
      row(leads[2]!, "2027-03-10T07:00:00.000Z", 30, "no_show"), // ends before the range: out
      row(leads[3]!, "2027-03-11T18:00:00.000Z", 45, "cancelled"), // cancelled: out
      row(leads[4]!, "2027-03-12T07:30:00.000Z", 30, "booked"), // starts inside, ends on lt: in
      row(leads[5]!, "2027-03-12T08:00:00.000Z", 30, "booked"), // starts on lt: out
      row(leads[6]!, "2027-03-11T20:00:00.000Z", 60, "attended", 30, 30), // buffers both sides: in
    ];
    for (const r of rows) await t.db.consultation.create({ data: r });
    const expected = [rows[0]!, rows[1]!, rows[4]!, rows[6]!]
      .map((r) => ({ calendarKey: "clinic", startsAt: r.startsAt.getTime(), blockedStart: r.blockedStart.getTime(), blockedEnd: r.blockedEnd.getTime() }))
      .sort((a, b) => a.startsAt - b.startsAt);
    const byStart = (list: { startsAt: number }[]) => [...list].sort((a, b) => a.startsAt - b.startsAt);

    const driver = await loadBusyRanges(t.db, range, undefined, "driver");
    const prisma = await loadBusyRanges(t.db, range, undefined, "prisma");
    expect(byStart(driver)).toEqual(expected);
    expect(byStart(prisma)).toEqual(expected);
    // The consultation being moved does not block itself.
    const moving = await loadBusyRanges(t.db, range, rows[6]!.id);
    expect(byStart(moving)).toEqual(expected.filter((r) => r.startsAt !== rows[6]!.startsAt.getTime()));
  });
});
