import ExcelJS from "exceljs";

import { GET as csvRoute } from "@/app/api/v1/leads/export.csv/route";
import { GET as xlsxRoute } from "@/app/api/v1/leads/export.xlsx/route";
import { getClinicProfile, invalidateClinicCache, updateClinicProfile } from "@/lib/clinic/store";
import { EXPORT_COLUMNS, type ExportColumn } from "@/lib/leads/lead-export";
import { staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

const col = (name: ExportColumn) => EXPORT_COLUMNS.indexOf(name) + 1; // exceljs columns are 1-based

async function readXlsx(res: Response): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.getWorksheet("Inquiries");
  if (!sheet) throw new Error("no Inquiries sheet");
  return sheet;
}

forEachProvider("staff XLSX export and the shared filters", (t) => {
  const fixture = staffFixture(t, { lead: false });
  let hostile: string;
  let accents: string;

  beforeAll(async () => {
    hostile = await storeLead(t.db, {
      now: new Date("2026-03-08T09:30:00Z"), // 01:30 PST, the night the clocks change
      contact: { firstName: '=HYPERLINK("http://evil.example","x")', lastName: "@SUM(A1)", notes: "first" },
      source: { utmSource: "+cmd|' /C calc'!A0" },
    });
    // Control characters stored before input validation refused them (NUL cannot be stored in PostgreSQL at all).
    await t.db.lead.update({ where: { id: hostile }, data: { patientNotes: "bell\u0007 and\u001b escape\nsecond line\ttab" } });
    accents = await storeLead(t.db, {
      now: new Date("2026-03-09T17:45:00Z"), // 10:45 PDT
      answers: { lossPattern: "diffuse_thinning", sex: "female", ludwigStage: "II", goal: "add_density" },
      contact: { firstName: "José Ñandú", lastName: "Øster-Łukasz 李" },
    });
    await t.db.lead.update({ where: { id: accents }, data: { firstContactedAt: new Date("2026-03-09T18:00:00Z"), followUpAt: new Date("2026-03-12T16:30:00Z") } });
    await storeLead(t.db, { now: new Date("2026-04-02T17:00:00Z"), contact: { firstName: "April" } });
  });

  const get = (route: typeof xlsxRoute, path: string, headers = fixture.admin.headers) => route(staffRequest(path, headers));

  it("is admin only: front desk 403, anonymous 401", async () => {
    expect((await get(xlsxRoute, "/api/v1/leads/export.xlsx", fixture.front.headers)).status).toBe(403);
    expect((await get(xlsxRoute, "/api/v1/leads/export.xlsx", new Headers())).status).toBe(401);
    expect((await get(csvRoute, "/api/v1/leads/export.csv", fixture.front.headers)).status).toBe(403);
  });

  it("writes the same rows and columns as the CSV, with typed cells, clinic wall-clock dates and no formula", async () => {
    const res = await get(xlsxRoute, "/api/v1/leads/export.xlsx?from=2026-03-01&to=2026-03-31");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="inquiries_from-2026-03-01_to-2026-03-31.xlsx"');
    const sheet = await readXlsx(res);
    expect(sheet.actualRowCount).toBe(3);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_COLUMNS]);

    const first = sheet.getRow(2);
    expect(first.getCell(col("id")).value).toBe(hostile);
    // Text stays text, exactly as typed (minus control characters): a string cell, never a formula.
    const name = first.getCell(col("first_name"));
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(first.getCell(col("last_name")).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(col("utm_source")).value).toBe("+cmd|' /C calc'!A0");
    expect(first.getCell(col("patient_notes")).value).toBe("bell and escape\nsecond line\ttab");
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    // Numbers and booleans typed.
    expect(first.getCell(col("price_min_usd")).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(col("age")).value).toEqual(expect.any(Number));
    expect(first.getCell(col("price_is_estimate")).type).toBe(ExcelJS.ValueType.Boolean);
    // Dates: the clinic's wall clock (America/Los_Angeles), a date cell with a date format.
    const created = first.getCell(col("created_at"));
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    expect((created.value as Date).toISOString()).toBe("2026-03-08T01:30:00.000Z");
    expect(created.numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(first.getCell(col("first_contacted_at")).value).toBeNull();
    expect(first.getCell(col("follow_up_at")).value).toBeNull();
    const second = sheet.getRow(3);
    expect((second.getCell(col("created_at")).value as Date).toISOString()).toBe("2026-03-09T10:45:00.000Z");
    expect(second.getCell(col("first_name")).value).toBe("José Ñandú");
    expect((second.getCell(col("first_contacted_at")).value as Date).toISOString()).toBe("2026-03-09T11:00:00.000Z");
    expect((second.getCell(col("follow_up_at")).value as Date).toISOString()).toBe("2026-03-12T09:30:00.000Z");
    expect(second.getCell(col("last_name")).value).toBe("Øster-Łukasz 李");

    const audit = await t.db.leadEvent.findFirst({ where: { type: "exported" }, orderBy: { createdAt: "desc" } });
    expect(audit?.data).toMatchObject({ format: "xlsx", from: "2026-03-01", to: "2026-03-31", timeZone: "America/Los_Angeles" });
  });

  it("CSV and XLSX take the same filters (eligibility, flag, q) and return the same rows", async () => {
    for (const query of ["?eligibility=eligible_with_conditions&from=2026-03-01", "?q=jos%C3%A9", "?q=%25", "?from=2026-04-01&to=2026-04-30"]) {
      const csv = await (await get(csvRoute, `/api/v1/leads/export.csv${query}`)).text();
      const csvIds = csv
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .slice(1)
        .filter((line) => line !== "")
        .map((line) => line.split(",")[0]);
      const sheet = await readXlsx(await get(xlsxRoute, `/api/v1/leads/export.xlsx${query}`));
      const xlsxIds: unknown[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) xlsxIds.push(row.getCell(1).value);
      });
      expect(xlsxIds).toEqual(csvIds);
      if (query.startsWith("?q=jos")) expect(xlsxIds).toEqual([accents]);
      if (query === "?q=%25") expect(xlsxIds).toEqual([]);
    }
    const april = await readXlsx(await get(xlsxRoute, "/api/v1/leads/export.xlsx?from=2026-04-01&to=2026-04-30"));
    expect(april.actualRowCount).toBe(2);
  });

  it("uses the clinic profile's time zone for date filters and cells", async () => {
    const profile = await getClinicProfile(t.db, 0);
    const { version: _v, updatedAt: _u, updatedById: _b, isPlaceholder: _p, ...fields } = profile;
    await updateClinicProfile(t.db, { ...fields, timeZone: "Europe/Madrid" }, fixture.admin.id, profile.version);
    invalidateClinicCache();
    try {
      // 09:30 UTC on 8 March is 10:30 in Madrid.
      const sheet = await readXlsx(await get(xlsxRoute, "/api/v1/leads/export.xlsx?from=2026-03-08&to=2026-03-08"));
      expect(sheet.actualRowCount).toBe(2);
      expect((sheet.getRow(2).getCell(col("created_at")).value as Date).toISOString()).toBe("2026-03-08T10:30:00.000Z");
      const csv = await (await get(csvRoute, "/api/v1/leads/export.csv?from=2026-03-08&to=2026-03-08")).text();
      expect(csv).toContain("2026-03-08 10:30");
    } finally {
      const now = await getClinicProfile(t.db, 0);
      const { version: _v2, updatedAt: _u2, updatedById: _b2, isPlaceholder: _p2, ...rest } = now;
      await updateClinicProfile(t.db, { ...rest, timeZone: "America/Los_Angeles" }, fixture.admin.id, now.version);
      invalidateClinicCache();
    }
  });
});
