import { POST as eventRoute } from "@/app/api/v1/questionnaire-events/route";
import { GET as summaryRoute } from "@/app/api/v1/reports/summary/route";
import { invalidateClinicCache } from "@/lib/clinic/store";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { clinicMidnight } from "@/lib/clinic/time";
import { closeRateLimitStore, consumeRateLimit, QUESTIONNAIRE_EVENTS_PER_MINUTE } from "@/lib/leads/rate-limit";
import { recordStage } from "@/lib/leads/lead-stages";
import { recordQuestionnaireEvent } from "@/lib/reports/questionnaire-event-store";
import { reportSummary } from "@/lib/reports/summary";
import { staffFixture } from "@/tests/support/staff-fixture";
import { BASE_URL, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

const TZ = "America/Los_Angeles"; // the placeholder clinic profile's time zone

/** A local clinic time "YYYY-MM-DD HH:MM" as an instant. */
const at = (local: string) => new Date(clinicMidnight(local.slice(0, 10), TZ).getTime() + (Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16))) * 60_000);

forEachProvider("reports summary and questionnaire events", (t) => {
  const fixture = staffFixture(t);

  afterAll(async () => {
    await closeRateLimitStore();
  });

  /** A stored inquiry moved to a known time, status, eligibility, flags and source. */
  async function seeded(received: string, fields: { status?: string; eligibility?: string; flagCodes?: string; utmSource?: string | null; contactedAfterMinutes?: number }) {
    const id = await storeLead(t.db);
    const createdAt = at(received);
    await t.db.lead.update({
      where: { id },
      data: {
        createdAt,
        status: fields.status ?? "new",
        eligibility: fields.eligibility ?? "eligible",
        flagCodes: fields.flagCodes ?? ",",
        utmSource: fields.utmSource ?? null,
        firstContactedAt: fields.contactedAfterMinutes === undefined ? null : new Date(createdAt.getTime() + fields.contactedAfterMinutes * 60_000),
      },
    });
    // Time to first contact counts the "contacted" funnel stage (decision 027), recorded as the status path does.
    if (fields.contactedAfterMinutes !== undefined) {
      const reachedAt = new Date(createdAt.getTime() + fields.contactedAfterMinutes * 60_000);
      await t.db.$transaction((tx) => recordStage(tx, id, "contacted", reachedAt));
    }
    return id;
  }

  beforeAll(async () => {
    invalidateClinicCache();
    // The fixture's own inquiry was received now (outside every period below except none): move it far away.
    await t.db.lead.update({ where: { id: fixture.leadId }, data: { createdAt: at("2020-01-01 12:00") } });
    // November 2026 (Sun 1 Nov; Mondays 26 Oct, 2, 9, 16, 23, 30 Nov).
    await seeded("2026-10-31 23:59", { utmSource: "google" }); // before the period (local time)
    await seeded("2026-11-01 00:00", { utmSource: "google", status: "contacted", flagCodes: ",SCAR_REDUCED_RESPONSE,", contactedAfterMinutes: 30 });
    await seeded("2026-11-02 09:00", { utmSource: "google", status: "became_patient", eligibility: "eligible_with_conditions", flagCodes: ",SCAR_REDUCED_RESPONSE,PRICE_ESTIMATE,", contactedAfterMinutes: 60 });
    await seeded("2026-11-03 17:30", { utmSource: "instagram", status: "became_patient", eligibility: "clearance_required", flagCodes: ",DERM_CLEARANCE_REQUIRED,", contactedAfterMinutes: 120 });
    await seeded("2026-11-15 12:00", { utmSource: null, status: "consultation_booked", eligibility: "consult_required", contactedAfterMinutes: 2000 });
    await seeded("2026-11-30 23:59", { utmSource: "google", status: "not_proceeding" });
    await seeded("2026-12-01 00:00", { utmSource: "instagram" }); // after the period (local time)
  });

  const get = (query: string, headers = fixture.admin.headers) => summaryRoute(staffRequest(`/api/v1/reports/summary${query}`, headers));

  it("answers admins only: front desk 403, anonymous 401", async () => {
    expect((await get("?from=2026-11-01&to=2026-11-30", fixture.front.headers)).status).toBe(403);
    expect((await get("?from=2026-11-01&to=2026-11-30", new Headers())).status).toBe(401);
    expect((await get("?from=2026-11-01&to=2026-11-30")).status).toBe(200);
  });

  it("counts the seeded period exactly, in the clinic's time zone", async () => {
    const res = await get("?from=2026-11-01&to=2026-11-30");
    const body = await res.json();
    expect(body).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-30",
      inquiries: 5,
      byEligibility: { eligible: 2, eligible_with_conditions: 1, clearance_required: 1, consult_required: 1 },
      byStatus: { new: 0, contacted: 1, consultation_booked: 1, became_patient: 2, not_proceeding: 1 },
      medianMinutesToFirstContact: 90,
    });
    expect(body.byFlag.SCAR_REDUCED_RESPONSE).toBe(2);
    expect(body.byFlag.PRICE_ESTIMATE).toBe(1);
    expect(body.byFlag.DERM_CLEARANCE_REQUIRED).toBe(1);
    expect(body.byFlag.PIGMENT_ALLERGY).toBe(0);
    expect(body.byWeek).toEqual([
      { weekStart: "2026-10-26", inquiries: 1 },
      { weekStart: "2026-11-02", inquiries: 2 },
      { weekStart: "2026-11-09", inquiries: 1 },
      { weekStart: "2026-11-16", inquiries: 0 },
      { weekStart: "2026-11-23", inquiries: 0 },
      { weekStart: "2026-11-30", inquiries: 1 },
    ]);
    expect(body.bySource).toEqual([
      { utmSource: "google", inquiries: 3, becamePatients: 1 },
      { utmSource: "instagram", inquiries: 1, becamePatients: 1 },
      { utmSource: null, inquiries: 1, becamePatients: 0 },
    ]);
  });

  it("median of an odd count, and merged duplicates left out", async () => {
    // 30, 60, 120, 2000 -> (60 + 120) / 2 = 90 above; one day with a single contacted inquiry:
    expect((await reportSummary(t.db, { from: "2026-11-03", to: "2026-11-03" })).medianMinutesToFirstContact).toBe(120);
    expect((await reportSummary(t.db, { from: "2026-11-30", to: "2026-11-30" })).medianMinutesToFirstContact).toBeNull();
    const duplicate = await seeded("2026-11-25 10:00", { utmSource: "merged" });
    await t.db.lead.update({ where: { id: duplicate }, data: { mergedIntoId: fixture.leadId } });
    expect((await reportSummary(t.db, { from: "2026-11-25", to: "2026-11-25" })).inquiries).toBe(0);
  });

  it("a one-day period and the day after", async () => {
    expect((await reportSummary(t.db, { from: "2026-11-30", to: "2026-11-30" })).inquiries).toBe(1);
    expect((await reportSummary(t.db, { from: "2026-12-01", to: "2026-12-01" })).bySource).toEqual([{ utmSource: "instagram", inquiries: 1, becamePatients: 0 }]);
  });

  it("leaves erased inquiries out", async () => {
    const id = await seeded("2026-11-20 10:00", { utmSource: "erased-source" });
    expect((await reportSummary(t.db, { from: "2026-11-20", to: "2026-11-20" })).inquiries).toBe(1);
    const { DELETE } = await import("@/app/api/v1/leads/[id]/route");
    const res = await DELETE(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers, { method: "DELETE" }), { params: Promise.resolve({ id }) });
    expect(res.status).toBe(204);
    const after = await reportSummary(t.db, { from: "2026-11-20", to: "2026-11-20" });
    expect(after.inquiries).toBe(0);
    expect(after.bySource).toEqual([]);
  });

  it.each([
    ["?from=2026-11-30&to=2026-11-01", "to"],
    ["?from=2026-01-01&to=2028-01-01", "to"],
    ["?from=2026-02-30&to=2026-03-01", "from"],
    ["?from=yesterday", "from"],
    ["?to=2026-13-01", "to"],
  ])("400 for %s naming %s", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.error.fields)).toContain(field);
  });

  it("accepts exactly two years", async () => {
    expect((await get("?from=2026-01-01&to=2027-12-31")).status).toBe(200);
  });

  const postEvent = (body: unknown, ip = "203.0.113.9") =>
    eventRoute(new Request(`${BASE_URL}/api/v1/questionnaire-events`, { method: "POST", headers: { "content-type": "application/json", [PEER_ADDRESS_HEADER]: ip }, body: JSON.stringify(body) }));

  it("questionnaire events: 204, counted per day, step, event and locale; no cookie", async () => {
    const res = await postEvent({ event: "started", locale: "en" });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await postEvent({ event: "step", step: "scars", locale: "es" })).status).toBe(204);
    const rows = await t.db.questionnaireEventCount.findMany({ orderBy: { event: "asc" } });
    expect(rows.map((r) => ({ event: r.event, step: r.step, locale: r.locale, count: r.count }))).toEqual([
      { event: "started", step: "", locale: "en", count: 1 },
      { event: "step", step: "scars", locale: "es", count: 1 },
    ]);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.day))).toBe(true);
  });

  it.each([
    [{ event: "clicked", locale: "en" }, "event"],
    [{ event: "step", step: "payment", locale: "en" }, "step"],
    [{ event: "step", locale: "en" }, "step"],
    [{ event: "started", step: "about", locale: "en" }, "step"],
    [{ event: "started", locale: "fr" }, "locale"],
    [{ event: "started", locale: "en", email: "a@b.c" }, "email"],
  ])("questionnaire events: 400 for %j naming %s", async (body, field) => {
    const res = await postEvent(body);
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.fields)).toContain(field);
  });

  it("concurrent increments of one counter lose nothing; the summary reports the funnel", async () => {
    const day = new Date("2026-11-10T20:00:00Z");
    await Promise.all(Array.from({ length: 40 }, () => recordQuestionnaireEvent(t.db, { event: "step", step: "health", locale: "en" }, day)));
    await Promise.all([
      ...Array.from({ length: 7 }, () => recordQuestionnaireEvent(t.db, { event: "started", locale: "en" }, day)),
      ...Array.from({ length: 3 }, () => recordQuestionnaireEvent(t.db, { event: "started", locale: "es" }, day)),
      ...Array.from({ length: 4 }, () => recordQuestionnaireEvent(t.db, { event: "completed", locale: "en" }, day)),
      recordQuestionnaireEvent(t.db, { event: "requested", locale: "es" }, day),
    ]);
    const summary = await reportSummary(t.db, { from: "2026-11-01", to: "2026-11-30" });
    expect(summary.questionnaire.started).toBe(10);
    expect(summary.questionnaire.completed).toBe(4);
    expect(summary.questionnaire.requestedConsultation).toBe(1);
    expect(summary.questionnaire.steps.find((s) => s.step === "health")?.reached).toBe(40);
    expect(summary.questionnaire.steps.map((s) => s.step)).toEqual(["about", "pattern", "norwood", "ludwig", "scars", "health", "goal", "review"]);
    expect((await reportSummary(t.db, { from: "2026-11-11", to: "2026-11-30" })).questionnaire.started).toBe(0);
  });

  it("questionnaire events are rate limited per client (429 with Retry-After), on a counter of their own", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < QUESTIONNAIRE_EVENTS_PER_MINUTE; i++) expect((await postEvent({ event: "started", locale: "en" }, ip)).status).toBe(204);
    const refused = await postEvent({ event: "started", locale: "en" }, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The same client's inquiries are not held back by its questionnaire counts.
    await expect(consumeRateLimit("leads", ip)).resolves.toBeUndefined();
  });
});
