/**
 * Never sold twice (issue 20, decision 022): the DATABASE refuses overlapping consultations of one
 * calendar and a second booked consultation of one inquiry, on SQLite (triggers) and PostgreSQL
 * (EXCLUDE USING gist), under concurrency and from two database clients (two app instances' pools
 * or connections), with the domain errors SLOT_TAKEN / ALREADY_BOOKED.
 */
import { bookConsultation, cancelConsultation, isAlreadyBookedRefusal, isOverlapRefusal,
  isWriteConflict, moveConsultation } from "@/lib/booking/consultations";
import { createDb, type Db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { AlreadyBookedError, SlotTakenError } from "@/lib/errors";
import { createLead } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { seedDemoConsultations } from "@/prisma/seed/demo-consultations";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

// Monday 2027-01-04 08:00 in Los Angeles (the placeholder clinic: Mon-Fri 09:00-17:00, 2 h notice).
const NOW = new Date("2027-01-04T16:00:00Z");
// Tuesday 2027-01-05 09:00 PST.
const SLOT = new Date("2027-01-05T17:00:00Z");
const patient = { by: "patient", userId: null } as const;

async function newLead(db: Db): Promise<string> {
  const outcome = await createLead(db, createLeadSchema.parse(buildLeadBody()), { ip: "198.51.100.20", channels: [], patientConfirmation: false });
  return outcome.id;
}

async function leads(db: Db, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await newLead(db));
  return ids;
}

function settle<T>(promises: Promise<T>[]) {
  return Promise.allSettled(promises);
}

function rawRow(leadId: string, start: string, minutes: number, status = "booked") {
  const s = new Date(start);
  const e = new Date(s.getTime() + minutes * 60_000);
  return { id: newId(), leadId, calendarKey: "clinic", type: "in_person", startsAt: s, endsAt: e, blockedStart: s, blockedEnd: e, status, bookedBy: "staff" };
}

forEachProvider("consultations: never sold twice", (t: ProviderContext) => {
  it("50 concurrent bookings of one slot: exactly one success and one stored row; the rest SLOT_TAKEN with fresh slots", async () => {
    const ids = await leads(t.db, 50);
    const outcomes = await settle(ids.map((leadId) => bookConsultation(t.db, { leadId, type: "in_person", start: SLOT, actor: patient, now: NOW })));
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused.every((o) => o.reason instanceof SlotTakenError)).toBe(true);
    const fresh = (refused[0]?.reason as SlotTakenError).slots;
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.some((s) => s.start === SLOT.toISOString())).toBe(false);
    const stored = await t.db.consultation.findMany({ where: { startsAt: SLOT } });
    expect(stored).toHaveLength(1);
    const winner = stored[0]!;
    const lead = await t.db.lead.findUniqueOrThrow({ where: { id: winner.leadId } });
    expect(lead.status).toBe("consultation_booked");
    const audit = await t.db.leadEvent.findMany({ where: { leadId: winner.leadId, type: { in: ["status_changed", "consultation_booked"] } } });
    expect(audit.map((a) => [a.type, a.actorId]).sort()).toEqual([["consultation_booked", null], ["status_changed", null]]);
  });

  it("from two database clients (two app instances): 25 + 25 concurrent bookings of one slot, one row", async () => {
    const slot = new Date("2027-01-05T18:00:00Z");
    const a = createDb(t.url, { poolMax: 4 });
    const b = createDb(t.url, { poolMax: 4 });
    try {
      const ids = await leads(t.db, 50);
      const outcomes = await settle(
        ids.map((leadId, i) => bookConsultation(i % 2 === 0 ? a : b, { leadId, type: "in_person", start: slot, actor: patient, now: NOW })),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(SlotTakenError);
      expect(await t.db.consultation.count({ where: { startsAt: slot } })).toBe(1);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
  });

  it("50 concurrent bookings of overlapping slots of different lengths (30, 45 and 60 minutes), from two app instances: one success, one row", async () => {
    // Video 60 and phone 45 minutes on, a 15-minute step: 09:30 video, 10:00 in person and 10:15 phone
    // (Tuesday 2027-01-12, PST) overlap pairwise, each a slot of its own type.
    const before = await t.db.consultationSettings.findFirstOrThrow();
    await t.db.consultationSettings.updateMany({ data: { videoEnabled: true, videoMinutes: 60, phoneEnabled: true, phoneMinutes: 45, slotStepMinutes: 15 } });
    const a = createDb(t.url, { poolMax: 4 });
    const b = createDb(t.url, { poolMax: 4 });
    try {
      const tries = [
        { type: "video", start: new Date("2027-01-12T17:30:00Z") },
        { type: "in_person", start: new Date("2027-01-12T18:00:00Z") },
        { type: "phone", start: new Date("2027-01-12T18:15:00Z") },
      ] as const;
      const ids = await leads(t.db, 50);
      const outcomes = await settle(
        ids.map((leadId, i) => {
          const { type, start } = tries[i % tries.length]!;
          return bookConsultation(i % 2 === 0 ? a : b, { leadId, type, start, actor: patient, now: NOW });
        }),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(SlotTakenError);
      const day = { gte: new Date("2027-01-12T08:00:00Z"), lt: new Date("2027-01-13T08:00:00Z") };
      expect(await t.db.consultation.count({ where: { startsAt: day, status: "booked" } })).toBe(1);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
      await t.db.consultationSettings.updateMany({
        data: { videoEnabled: before.videoEnabled, videoMinutes: before.videoMinutes, phoneEnabled: before.phoneEnabled, phoneMinutes: before.phoneMinutes, slotStepMinutes: before.slotStepMinutes },
      });
    }
  });

  it("the database itself refuses overlapping rows of different lengths, also written concurrently from two clients; touching ranges are fine", async () => {
    const [l1, l2, l3, l4, l5] = await leads(t.db, 5);
    await t.db.consultation.create({ data: rawRow(l1!, "2027-02-01T17:00:00Z", 30) });
    // 45 minutes starting 15 minutes in: overlaps.
    const overlap = await t.db.consultation.create({ data: rawRow(l2!, "2027-02-01T17:15:00Z", 45) }).catch((e: unknown) => e);
    expect(isOverlapRefusal(overlap)).toBe(true);
    // 60 minutes starting before and covering it: overlaps.
    const covering = await t.db.consultation.create({ data: rawRow(l2!, "2027-02-01T16:45:00Z", 60) }).catch((e: unknown) => e);
    expect(isOverlapRefusal(covering)).toBe(true);
    // Right after it ends: [17:30, 18:15) touches [17:00, 17:30) and is allowed.
    await t.db.consultation.create({ data: rawRow(l3!, "2027-02-01T17:30:00Z", 45) });
    // A cancelled row never blocks, and a row on another calendar neither.
    await t.db.consultation.create({ data: rawRow(l4!, "2027-02-01T17:00:00Z", 30, "cancelled") });

    const a = createDb(t.url, { poolMax: 2 });
    const b = createDb(t.url, { poolMax: 2 });
    try {
      const outcomes = await settle([
        a.consultation.create({ data: rawRow(l4!, "2027-02-02T17:00:00Z", 30) }),
        b.consultation.create({ data: rawRow(l5!, "2027-02-02T17:20:00Z", 60) }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
      // The exclusion violation, or (PostgreSQL, inserts at the same moment) a deadlock abort: each
      // insert waits on the other's uncommitted row. Either way the database refused it and stored one
      // row; the domain retries a deadlock and then meets the exclusion violation (test below).
      expect(isOverlapRefusal(refused?.reason) || (t.provider === "postgresql" && isWriteConflict(refused?.reason))).toBe(true);
      expect(await t.db.consultation.count({ where: { leadId: { in: [l4!, l5!] }, status: "booked" } })).toBe(1);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
    }
    // An update into an overlap is refused too.
    const third = await t.db.consultation.findFirstOrThrow({ where: { leadId: l3! } });
    const moved = await t.db.consultation
      .update({ where: { id: third.id }, data: { blockedStart: new Date("2027-02-01T17:10:00Z"), startsAt: new Date("2027-02-01T17:10:00Z") } })
      .catch((e: unknown) => e);
    expect(isOverlapRefusal(moved)).toBe(true);
  });

  it("one booked consultation per inquiry: the database refuses a second (ALREADY_BOOKED through the domain)", async () => {
    const [leadId] = await leads(t.db, 1);
    await t.db.consultation.create({ data: rawRow(leadId!, "2027-03-01T17:00:00Z", 30) });
    const second = await t.db.consultation.create({ data: rawRow(leadId!, "2027-03-02T17:00:00Z", 30) }).catch((e: unknown) => e);
    expect(isAlreadyBookedRefusal(second)).toBe(true);
    expect(isOverlapRefusal(second)).toBe(false);
    await expect(
      bookConsultation(t.db, { leadId: leadId!, type: "in_person", start: new Date("2027-01-06T17:00:00Z"), actor: patient, now: NOW }),
    ).rejects.toBeInstanceOf(AlreadyBookedError);
    // Concurrent bookings of ONE inquiry at different times: one wins.
    const [other] = await leads(t.db, 1);
    const outcomes = await settle(
      ["2027-01-07T17:00:00Z", "2027-01-07T18:00:00Z", "2027-01-07T19:00:00Z", "2027-01-07T20:00:00Z"].map((s) =>
        bookConsultation(t.db, { leadId: other!, type: "in_person", start: new Date(s), actor: patient, now: NOW }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(AlreadyBookedError);
    expect(await t.db.consultation.count({ where: { leadId: other!, status: "booked" } })).toBe(1);
  });

  it("cancelled, then the same slot is booked again (by another inquiry, and by the same one)", async () => {
    const slot = new Date("2027-01-08T17:00:00Z");
    const [first, second] = await leads(t.db, 2);
    const booked = await bookConsultation(t.db, { leadId: first!, type: "in_person", start: slot, actor: patient, now: NOW });
    await expect(bookConsultation(t.db, { leadId: second!, type: "in_person", start: slot, actor: patient, now: NOW })).rejects.toBeInstanceOf(SlotTakenError);
    const cancelled = await cancelConsultation(t.db, { consultationId: booked.id, actor: patient, selfService: true, now: NOW });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.icsSequence).toBe(1);
    const again = await bookConsultation(t.db, { leadId: second!, type: "in_person", start: slot, actor: patient, now: NOW });
    expect(again.status).toBe("booked");
    await cancelConsultation(t.db, { consultationId: again.id, actor: patient, selfService: true, now: NOW });
    const rebooked = await bookConsultation(t.db, { leadId: first!, type: "in_person", start: slot, actor: patient, now: NOW });
    expect(rebooked.id).not.toBe(booked.id);
  });

  it("moving keeps the id, needs the current version, raises the ICS sequence, and cannot move onto a taken time", async () => {
    const [a, b] = await leads(t.db, 2);
    const one = await bookConsultation(t.db, { leadId: a!, type: "in_person", start: new Date("2027-01-11T17:00:00Z"), actor: patient, now: NOW });
    const two = await bookConsultation(t.db, { leadId: b!, type: "in_person", start: new Date("2027-01-11T18:00:00Z"), actor: patient, now: NOW });
    const moved = await moveConsultation(t.db, { consultationId: one.id, start: new Date("2027-01-11T19:00:00Z"), version: one.version, actor: patient, selfService: true, now: NOW });
    expect(moved.id).toBe(one.id);
    expect(moved.version).toBe(one.version + 1);
    expect(moved.icsSequence).toBe(1);
    await expect(
      moveConsultation(t.db, { consultationId: one.id, start: new Date("2027-01-11T20:00:00Z"), version: one.version, actor: patient, selfService: true, now: NOW }),
    ).rejects.toMatchObject({ reason: "stale_version" });
    await expect(
      moveConsultation(t.db, { consultationId: one.id, start: new Date(two.start), version: moved.version, actor: patient, selfService: true, now: NOW }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    // Moving by 30 minutes onto a range that overlaps its own old one is fine (its own row does not block it).
    const nudged = await moveConsultation(t.db, { consultationId: one.id, start: new Date("2027-01-11T19:30:00Z"), version: moved.version, actor: patient, selfService: true, now: NOW });
    expect(nudged.start).toBe("2027-01-11T19:30:00.000Z");
  });
});

forEachProvider("demo consultations (seed --demo)", (t: ProviderContext) => {
  it("books the demo inquiries at consultation_booked through the real path, once", async () => {
    const ids = await leads(t.db, 3);
    await t.db.lead.updateMany({ where: { id: { in: ids } }, data: { status: "consultation_booked" } });
    expect(await seedDemoConsultations(t.db, NOW)).toBe(3);
    expect(await seedDemoConsultations(t.db, NOW)).toBe(0);
    const rows = await t.db.consultation.findMany({ where: { leadId: { in: ids } } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "booked" && r.bookedBy === "system" && r.startsAt.getTime() > NOW.getTime())).toBe(true);
  });
});
