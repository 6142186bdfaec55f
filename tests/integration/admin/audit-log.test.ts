/**
 * The audit log page (/staff/audit: loader, filters, paging) and its CSV export
 * (GET /api/v1/audit/export.csv) on both databases; plus the inbox's date filters in the clinic
 * profile's time zone.
 */
import { GET as auditExportRoute } from "@/app/api/v1/audit/export.csv/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { GET as leadsExportRoute } from "@/app/api/v1/leads/export.csv/route";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { AUDIT_PAGE_SIZE } from "@/lib/audit/audit-query";
import { AUDIT_EXPORT_COLUMNS } from "@/lib/audit/audit-log";
import { getClinicProfile, invalidateClinicCache, updateClinicProfile } from "@/lib/clinic/store";
import { loadAuditPage } from "@/lib/workspace/page-loaders";
import { parseCsv } from "@/tests/support/csv";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { as, outcome } from "@/tests/support/staff-request";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

vi.mock("next/headers", async () => (await import("@/tests/support/staff-request")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("@/tests/support/staff-request")).nextCacheMock);

async function setTimeZone(db: Parameters<typeof getClinicProfile>[0], actorId: string, timeZone: string): Promise<void> {
  const profile = await getClinicProfile(db, 0);
  const { version, updatedAt: _u, updatedById: _b, isPlaceholder: _p, ...fields } = profile;
  await updateClinicProfile(db, { ...fields, timeZone }, actorId, version);
  invalidateClinicCache();
}

forEachProvider("audit log page and export", (t) => {
  const fixture = staffFixture(t, { lead: false });
  let viewed: string;
  let erased: string;

  beforeAll(async () => {
    const { admin, front } = fixture;
    // The front desk views and works one inquiry; the admin exports and erases another.
    viewed = await storeLead(t.db, { contact: { firstName: "Vera", lastName: "Visible", email: "vera.visible@example.com" } });
    await getRoute(staffRequest(`/api/v1/leads/${viewed}`, front.headers), ctx(viewed));
    const patch = (body: object) =>
      patchRoute(staffRequest(`/api/v1/leads/${viewed}`, front.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(viewed));
    expect((await patch({ status: "not_proceeding", closedReason: '=HYPERLINK("http://evil.example","x")' })).status).toBe(200);
    erased = await storeLead(t.db, { contact: { firstName: "Zoë", lastName: "Gone", email: "zoe.gone@example.com", phone: "(949) 555-7801" } });
    await getRoute(staffRequest(`/api/v1/leads/${erased}`, admin.headers), ctx(erased));
    await leadsExportRoute(staffRequest("/api/v1/leads/export.csv?q=vera", admin.headers));
    expect((await deleteRoute(staffRequest(`/api/v1/leads/${erased}`, admin.headers, { method: "DELETE" }), ctx(erased))).status).toBe(204);
  });

  const exportCsv = (query: string, headers = fixture.admin.headers) => auditExportRoute(staffRequest(`/api/v1/audit/export.csv${query}`, headers));

  it("is admin only: the page sends anonymous to sign-in and refuses the front desk (403); the export answers 401 / 403", async () => {
    as(null);
    const anonymous = await outcome(() => loadAuditPage({}));
    expect(anonymous.kind === "redirect" && anonymous.to.startsWith("/staff/sign-in")).toBe(true);
    as(fixture.front);
    expect(await outcome(() => loadAuditPage({}))).toEqual({ kind: "forbidden" });
    as(fixture.admin);
    expect((await outcome(() => loadAuditPage({}))).kind).toBe("ok");
    expect((await exportCsv("", new Headers())).status).toBe(401);
    expect((await exportCsv("", fixture.front.headers)).status).toBe(403);
    expect((await exportCsv("?actor=bad%20id")).status).toBe(400);
    expect((await exportCsv("?action=deleted")).status).toBe(400);
    expect((await exportCsv("?from=2026-03-10&to=2026-03-01")).status).toBe(400);
  });

  it("filters by staff member and action; an erased inquiry shows only its stub, nothing about the person", async () => {
    as(fixture.admin);
    const byFront = await loadAuditPage({ actor: fixture.front.id });
    expect(byFront.log.entries.length).toBeGreaterThanOrEqual(2);
    expect(byFront.log.entries.every((e) => e.actor?.id === fixture.front.id)).toBe(true);
    expect(byFront.log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["viewed", "status_changed"]));
    expect(byFront.log.entries.find((e) => e.action === "viewed")?.lead).toMatchObject({ id: viewed, state: "live" });

    const erasures = await loadAuditPage({ actor: fixture.admin.id, action: "erased" });
    expect(erasures.log.total).toBe(1);
    expect(erasures.log.entries[0]).toMatchObject({ action: "erased", actionLabel: "Erased an inquiry", lead: { id: erased, state: "erased", reference: null } });
    expect(erasures.log.entries[0]?.details).toBe("reason: request");
    expect(erasures.log.entries[0]?.description).toBe("Erased an inquiry (at the person's request)");
    expect(byFront.log.entries.find((e) => e.action === "status_changed")?.description).toMatch(/^Status changed from “New” to “Not proceeding” \(reason: /);
    // The admin's view of the erased inquiry went with it; nothing anywhere in the log names the person.
    const everything = await loadAuditPage({});
    expect(everything.log.entries.some((e) => e.action === "viewed" && e.lead?.id === erased)).toBe(false);
    const text = JSON.stringify(everything.log);
    for (const personal of ["Zoë", "zoe.gone", "555-7801", "Vera", "vera.visible"]) expect(text).not.toContain(personal);
    // The export of inquiries is there with its filters, the search term only as "search: true".
    expect(everything.log.entries.find((e) => e.action === "exported")?.details).toContain("search: true");

    const system = await loadAuditPage({ actor: "system", action: "created" });
    expect(system.log.total).toBeGreaterThanOrEqual(1);
    expect(system.log.entries.every((e) => e.actor === null)).toBe(true);

    const bad = await loadAuditPage({ action: "deleted" });
    expect(bad.errors.action).toBe("Choose an action from the list.");
  });

  it("filters by date in the clinic profile's time zone and pages with position and total", async () => {
    as(fixture.admin);
    // 07:30 UTC on 8 March 2026: 23:30 on the 7th in Los Angeles, 08:30 on the 8th in Madrid.
    const at = new Date("2026-03-08T07:30:00Z");
    await t.db.leadEvent.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 10 }, (_, i) => ({ type: "viewed", actorId: fixture.admin.id, data: { via: "page" }, createdAt: new Date(at.getTime() + i) })),
    });
    const la = await loadAuditPage({ from: "2026-03-07", to: "2026-03-07" });
    expect(la.log.timeZone).toBe("America/Los_Angeles");
    expect(la.log.total).toBe(AUDIT_PAGE_SIZE + 10);
    expect(la.log.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await loadAuditPage({ from: "2026-03-07", to: "2026-03-07", page: "2" });
    expect(second.log).toMatchObject({ total: AUDIT_PAGE_SIZE + 10, page: 2 });
    expect(second.log.entries).toHaveLength(10);
    expect(new Set([...la.log.entries, ...second.log.entries].map((e) => e.id)).size).toBe(AUDIT_PAGE_SIZE + 10);
    expect((await loadAuditPage({ from: "2026-03-08", to: "2026-03-08" })).log.total).toBe(0);

    await setTimeZone(t.db, fixture.admin.id, "Europe/Madrid");
    try {
      expect((await loadAuditPage({ from: "2026-03-07", to: "2026-03-07" })).log.total).toBe(0);
      expect((await loadAuditPage({ from: "2026-03-08", to: "2026-03-08", action: "viewed" })).log.total).toBe(AUDIT_PAGE_SIZE + 10);
      const csv = parseCsv((await (await exportCsv("?from=2026-03-08&to=2026-03-08")).text()).replace(/^\uFEFF/, ""));
      expect(csv).toHaveLength(1 + AUDIT_PAGE_SIZE + 10);
      expect(csv[1]?.[0]).toBe("2026-03-08 08:30");
    } finally {
      await setTimeZone(t.db, fixture.admin.id, "America/Los_Angeles");
    }
  });

  it("exports the filtered log as CSV (every matching entry, formulas inert, no personal data) and records the export", async () => {
    const res = await exportCsv(`?actor=${fixture.front.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="audit-log.csv"');
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true); // Excel reads the accents
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...AUDIT_EXPORT_COLUMNS]);
    as(fixture.admin);
    const page = await loadAuditPage({ actor: fixture.front.id });
    expect(rows).toHaveLength(1 + page.log.total);
    const col = (name: (typeof AUDIT_EXPORT_COLUMNS)[number]) => AUDIT_EXPORT_COLUMNS.indexOf(name);
    expect(rows.slice(1).every((r) => r[col("staff_id")] === fixture.front.id && r[col("staff_email")] === fixture.front.email)).toBe(true);
    const statusRow = rows.find((r) => r[col("action")] === "status_changed");
    expect(statusRow?.[col("inquiry_id")]).toBe(viewed);
    // The closed reason was typed as a formula; mid-cell it is inert text, and no cell starts like a formula.
    expect(statusRow?.[col("details")]).toContain('reason: =HYPERLINK("http://evil.example","x")');
    // Next to the machine-readable columns, what happened in words with the values (issue 22 item 7).
    expect(statusRow?.[col("description")]).toBe('Status changed from “New” to “Not proceeding” (reason: =HYPERLINK("http://evil.example","x"))');
    expect(rows.find((r) => r[col("action")] === "viewed")?.[col("description")]).toBe("Opened the inquiry (through the API)");
    expect(rows.slice(1).every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
    expect(text).not.toContain("Vera");

    const all = await (await exportCsv("")).text();
    for (const personal of ["Zoë", "zoe.gone", "555-7801"]) expect(all).not.toContain(personal);
    expect(all).toContain(erased);

    const recorded = await t.db.leadEvent.findFirst({ where: { type: "exported", actorId: fixture.admin.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(recorded?.data).toEqual({ log: "audit", format: "csv", actor: null, action: null, from: null, to: null, timeZone: "America/Los_Angeles" });
    const listed = await loadAuditPage({ action: "exported", actor: fixture.admin.id });
    expect(listed.log.entries[0]?.details).toContain("log: audit");
  });

  it("the inbox list's date filters use the clinic profile's time zone", async () => {
    const late = await storeLead(t.db, { now: new Date("2026-04-05T06:30:00Z"), contact: { firstName: "Tz" } }); // 23:30 on the 4th in LA, 08:30 on the 5th in Madrid
    const ids = async (query: string) =>
      ((await (await listRoute(staffRequest(`/api/v1/leads?limit=100&${query}`, fixture.front.headers))).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids("from=2026-04-04&to=2026-04-04")).toContain(late);
    expect(await ids("from=2026-04-05&to=2026-04-05")).not.toContain(late);
    await setTimeZone(t.db, fixture.admin.id, "Europe/Madrid");
    try {
      expect(await ids("from=2026-04-04&to=2026-04-04")).not.toContain(late);
      expect(await ids("from=2026-04-05&to=2026-04-05")).toContain(late);
    } finally {
      await setTimeZone(t.db, fixture.admin.id, "America/Los_Angeles");
    }
  });
});
