/**
 * The admin pages' loaders and server actions of issue 11, in-process with a real session cookie
 * (next/headers replaced by the test user's request headers, as in tests/integration/staff/pages-actions.test.ts).
 */
import { saveRetentionAction } from "@/app/staff/data-protection/actions";
import { eraseLeadAction } from "@/app/staff/leads/actions";
import { getClinicSettings } from "@/lib/clinic/store";
import { IDLE, type ActionState } from "@/lib/workspace/action-state";
import { loadDashboardPage, loadDataProtectionPage } from "@/lib/workspace/page-loaders";
import { storeLead } from "@/tests/support/staff-leads";
import { as, form, outcome } from "@/tests/support/staff-request";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

forEachProvider("admin pages and actions (issue 11)", (t) => {
  const fixture = staffFixture(t, { lead: false });

  const settingsVersion = async () => String((await getClinicSettings(t.db, 0)).version);

  describe("authorisation matrix", () => {
    const entries: { name: string; run: () => Promise<unknown>; adminOutcome: "ok" | "redirect" }[] = [
      { name: "data protection page", run: () => loadDataProtectionPage({ preview: "12" }), adminOutcome: "ok" },
      { name: "dashboard page", run: () => loadDashboardPage({ range: "last_90_days" }), adminOutcome: "ok" },
      { name: "saveRetentionAction", run: async () => saveRetentionAction(IDLE, form({ retentionMonths: "off", version: await settingsVersion() })), adminOutcome: "ok" },
      { name: "eraseLeadAction", run: async () => eraseLeadAction(IDLE, form({ leadId: await storeLead(t.db), confirmation: "ERASE" })), adminOutcome: "redirect" },
    ];
    for (const entry of entries) {
      it(`${entry.name}: anonymous -> sign-in, front desk -> 403, admin -> allowed`, async () => {
        as(null);
        const anonymous = await outcome(entry.run);
        expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in")).toBe(true);
        as(fixture.front);
        expect(await outcome(entry.run)).toEqual({ kind: "forbidden" });
        as(fixture.admin);
        const result = await outcome(entry.run);
        expect(result.kind).toBe(entry.adminOutcome);
        if (result.kind === "ok" && typeof result.value === "object" && result.value !== null && "status" in result.value) {
          expect((result.value as ActionState).status).toBe("ok");
        }
      });
    }
  });

  it("dashboard: a quick range, a custom period, and a period that is too long names the problem", async () => {
    await as(fixture.admin);
    expect((await loadDashboardPage({ range: "last_90_days" })).quick).toBe("last_90_days");
    const custom = await loadDashboardPage({ from: "2026-11-01", to: "2026-11-30" });
    expect(custom.summary).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect((await loadDashboardPage({ from: "2026-01-01", to: "2029-01-01" })).rangeError).toBe("Choose a period of at most 2 years.");
  });

  it("erase needs the typed confirmation; then erases and goes back to the inbox", async () => {
    as(fixture.admin);
    const id = await storeLead(t.db);
    const wrong = await outcome(() => eraseLeadAction(IDLE, form({ leadId: id, confirmation: "erase" })));
    expect(wrong.kind).toBe("ok");
    const state = (wrong as { value: ActionState }).value;
    expect(state.status).toBe("error");
    expect(state.fields?.confirmation).toBe("Type ERASE in capital letters to confirm.");
    expect(await t.db.lead.count({ where: { id } })).toBe(1);
    expect(await outcome(() => eraseLeadAction(IDLE, form({ leadId: id, confirmation: " ERASE " })))).toEqual({ kind: "redirect", to: "/staff?erased=1" });
    expect(await t.db.lead.count({ where: { id } })).toBe(0);
  });

  it("retention: the page previews the count, saving turns it on, a stale version is refused", async () => {
    as(fixture.admin);
    await storeLead(t.db, { now: new Date("2020-01-01T12:00:00Z") });
    const page = await loadDataProtectionPage({ preview: "12" });
    expect(page.preview?.count).toBeGreaterThanOrEqual(1);
    expect((await loadDataProtectionPage({ preview: "0" })).previewError).toBe("Enter a whole number of months from 1 to 240.");
    const version = await settingsVersion();
    const saved = await saveRetentionAction(IDLE, form({ retentionMonths: "12", version }));
    expect(saved.status).toBe("ok");
    expect((await getClinicSettings(t.db, 0)).retentionMonths).toBe(12);
    expect((await loadDataProtectionPage({})).current).toBe(page.preview?.count);
    const stale = await saveRetentionAction(IDLE, form({ retentionMonths: "off", version }));
    expect(stale.status).toBe("conflict");
    const bad = await saveRetentionAction(IDLE, form({ retentionMonths: "forever", version: await settingsVersion() }));
    expect(bad.status).toBe("error");
    expect(await saveRetentionAction(IDLE, form({ retentionMonths: "off", version: await settingsVersion() }))).toMatchObject({ status: "ok" });
    expect((await getClinicSettings(t.db, 0)).retentionMonths).toBeNull();
  });
});
