/**
 * The dashboard's consultation figures (issue 20 item 7) on SQLite and PostgreSQL: consultations
 * booked in the period (made then), attended and no-show (started then, so marked), the share of the
 * period's inquiries that booked and the median minutes from inquiry to first booking.
 */
import { invalidateClinicCache } from "@/lib/clinic/store";
import { clinicMidnight } from "@/lib/clinic/time";
import { newId } from "@/lib/db/ids";
import { reportSummary } from "@/lib/reports/summary";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

const TZ = "America/Los_Angeles"; // the placeholder clinic profile's time zone
const MIN = 60_000;
const at = (local: string) => new Date(clinicMidnight(local.slice(0, 10), TZ).getTime() + (Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16))) * MIN);

forEachProvider("reports: consultation figures", (t) => {
  async function inquiry(received: string): Promise<{ id: string; createdAt: Date }> {
    const id = await storeLead(t.db);
    const createdAt = at(received);
    await t.db.lead.update({ where: { id }, data: { createdAt } });
    return { id, createdAt };
  }

  async function consultation(leadId: string, madeAt: Date, start: string, status: string) {
    const s = at(start);
    const e = new Date(s.getTime() + 30 * MIN);
    await t.db.consultation.create({
      data: { id: newId(), leadId, calendarKey: "clinic", type: "in_person", startsAt: s, endsAt: e, blockedStart: s, blockedEnd: e, status, bookedBy: "patient", createdAt: madeAt },
    });
  }

  beforeAll(async () => {
    invalidateClinicCache();
    const l1 = await inquiry("2025-03-03 09:00");
    await consultation(l1.id, new Date(l1.createdAt.getTime() + 90 * MIN), "2025-03-05 10:00", "attended");
    const l2 = await inquiry("2025-03-04 09:00");
    await consultation(l2.id, new Date(l2.createdAt.getTime() + 30 * MIN), "2025-03-06 10:00", "no_show");
    const l3 = await inquiry("2025-03-10 09:00");
    await consultation(l3.id, new Date(l3.createdAt.getTime() + 600 * MIN), "2025-04-02 10:00", "booked");
    await inquiry("2025-03-11 09:00");
    // Received before the period, booked and attended within it.
    const l5 = await inquiry("2025-02-27 09:00");
    await consultation(l5.id, at("2025-03-01 09:00"), "2025-03-12 10:00", "attended");
  });

  it("counts booked, attended and no-show in the period, the share that booked and the median time to booking", async () => {
    const summary = await reportSummary(t.db, { from: "2025-03-01", to: "2025-03-31" });
    expect(summary.inquiries).toBe(4);
    expect(summary.consultations).toEqual({ booked: 4, attended: 2, noShow: 1, inquiriesBooked: 3, bookedShare: 0.75, medianMinutesToBooking: 90 });
  });

  it("an even count averages the middle two; a period without consultations has nulls", async () => {
    const april = await reportSummary(t.db, { from: "2025-04-01", to: "2025-04-30" });
    expect(april.consultations).toEqual({ booked: 0, attended: 0, noShow: 0, inquiriesBooked: 0, bookedShare: null, medianMinutesToBooking: null });
    const early = await reportSummary(t.db, { from: "2025-03-01", to: "2025-03-05" });
    // L1 (90 min) and L2 (30 min): (30 + 90) / 2.
    expect(early.consultations).toMatchObject({ inquiriesBooked: 2, bookedShare: 1, medianMinutesToBooking: 60, attended: 1, noShow: 0 });
  });
});
