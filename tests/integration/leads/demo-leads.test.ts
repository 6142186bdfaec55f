/** The development seed's demo inquiries: valid, varied, linked, deterministic and idempotent. */
import { seedDemoLeads } from "@/prisma/seed/demo-leads";
import { forEachProvider } from "@/tests/support/test-db";

const NOW = new Date("2026-11-23T18:00:00Z");

forEachProvider("demo leads seed", (t) => {
  it("stores varied, realistic inquiries over the last 90 days through createLead, once", async () => {
    expect(await seedDemoLeads(t.db, 150, 7, NOW)).toEqual({ created: 150, existing: 0 });

    const leads = await t.db.lead.findMany({ select: { eligibility: true, createdAt: true, firstContactedAt: true, relatedLeadId: true, locale: true, status: true, sex: true, email: true, phone: true } });
    expect(leads).toHaveLength(150);
    expect(new Set(leads.map((l) => l.eligibility)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(leads.map((l) => l.status)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(leads.map((l) => l.sex))).toEqual(new Set(["male", "female", "other"]));
    expect(leads.some((l) => l.locale === "es")).toBe(true);
    expect(leads.some((l) => l.relatedLeadId !== null)).toBe(true);
    for (const lead of leads) {
      expect(NOW.getTime() - lead.createdAt.getTime()).toBeLessThanOrEqual(91 * 24 * 3600 * 1000);
      expect(lead.createdAt.getTime()).toBeLessThan(NOW.getTime());
      expect(lead.email).toMatch(/@example\.(com|org|net)$/);
      expect(lead.phone).toMatch(/^\+1\d{3}55501\d{2}$/);
      // The dashboard's "time to first contact" has figures to show: every inquiry past "new" was contacted, after it arrived.
      if (lead.status === "new") expect(lead.firstContactedAt).toBeNull();
      else expect(lead.firstContactedAt?.getTime()).toBeGreaterThan(lead.createdAt.getTime());
    }
    expect(await t.db.outboxMessage.count()).toBe(0);

    // The funnel has figures too: each inquiry past "new" (but not closed from it) reached the stages on its way, patients with an amount.
    const stages = await t.db.leadStage.findMany({ select: { leadId: true, stage: true, amountUsd: true } });
    const byLead = new Map<string, string[]>();
    for (const s of stages) byLead.set(s.leadId, [...(byLead.get(s.leadId) ?? []), s.stage]);
    const expected: Record<string, string[]> = { new: [], not_proceeding: [], contacted: ["contacted"], consultation_booked: ["consultation_booked", "contacted"], became_patient: ["became_patient", "consultation_booked", "contacted"] };
    const all = await t.db.lead.findMany({ select: { id: true, status: true } });
    for (const lead of all) expect((byLead.get(lead.id) ?? []).sort()).toEqual(expected[lead.status]);
    expect(stages.filter((s) => s.stage === "became_patient").every((s) => (s.amountUsd ?? 0) > 0)).toBe(true);
    expect(stages.some((s) => s.stage === "became_patient")).toBe(true);

    // Same seed again: every idempotency key is known, nothing new.
    expect(await seedDemoLeads(t.db, 150, 7, NOW)).toEqual({ created: 0, existing: 150 });
    expect(await t.db.lead.count()).toBe(150);
  });
});
