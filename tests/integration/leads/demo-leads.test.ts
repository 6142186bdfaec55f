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

    // Same seed again: every idempotency key is known, nothing new.
    expect(await seedDemoLeads(t.db, 150, 7, NOW)).toEqual({ created: 0, existing: 150 });
    expect(await t.db.lead.count()).toBe(150);
  });
});
