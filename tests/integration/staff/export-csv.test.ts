import { GET as exportRoute } from "@/app/api/v1/leads/export.csv/route";
import { PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { neutralizeFormula } from "@/lib/export/csv";
import { EXPORT_BATCH, EXPORT_COLUMNS } from "@/lib/leads/lead-export";
import { parseCsv } from "@/tests/support/csv";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("staff CSV export", (t) => {
  const fixture = staffFixture(t, { lead: false });

  const exportCsv = async (query: string) => {
    const res = await exportRoute(staffRequest(`/api/v1/leads/export.csv${query}`, fixture.admin.headers));
    const bytes = new Uint8Array(await res.arrayBuffer());
    // Keep the byte-order mark visible (Response.text() would drop it).
    return { res, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
  };

  it("streams text/csv as an attachment: one header row, one row per lead, RFC 4180 quoting, inert formulas, notes joined", async () => {
    const hostile = await storeLead(t.db, {
      now: new Date("2026-05-10T18:00:00Z"),
      contact: {
        firstName: '=HYPERLINK("http://evil.example","click")',
        lastName: "O'Brien, \"Junior\"",
        notes: "line one\nline two, with comma\r\n@SUM(A1:A2)",
      },
      source: { utmSource: "+cmd|' /C calc'!A0", utmCampaign: "-2+3", referrer: "@evil.example" },
    });
    const plain = await storeLead(t.db, { now: new Date("2026-05-11T18:00:00Z"), contact: { firstName: "Maria", lastName: "Lopez" } });
    await patchRoute(
      staffRequest(`/api/v1/leads/${hostile}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ note: "=1+1 called, no answer" }) }),
      ctx(hostile),
    );
    await patchRoute(
      staffRequest(`/api/v1/leads/${hostile}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ note: "second, \"quoted\" note" }) }),
      ctx(hostile),
    );

    const { res, text } = await exportCsv("?from=2026-05-01&to=2026-05-31");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="inquiries_from-2026-05-01_to-2026-05-31\.csv"$/);
    expect(text.startsWith("\uFEFF")).toBe(true);

    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    const [, first, second] = rows;
    expect(first?.[col("id")]).toBe(hostile);
    expect(second?.[col("id")]).toBe(plain);
    expect(first?.[col("first_name")]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(first?.[col("last_name")]).toBe("O'Brien, \"Junior\"");
    expect(first?.[col("patient_notes")]).toBe("line one\nline two, with comma\r\n@SUM(A1:A2)");
    expect(first?.[col("utm_source")]).toBe("'+cmd|' /C calc'!A0");
    expect(first?.[col("utm_campaign")]).toBe("'-2+3");
    expect(first?.[col("referrer")]).toBe("'@evil.example");
    expect(first?.[col("phone")]).toMatch(/^'\+1\d{10}$/);
    expect(first?.[col("staff_notes")]).toMatch(/: =1\+1 called, no answer \| .*: second, "quoted" note$/);
    expect(first?.[col("latest_note")]).toBe('second, "quoted" note');
    // The clinic's wall clock (America/Los_Angeles by default): 18:00 UTC on 10 May is 11:00 PDT.
    expect(first?.[col("created_at")]).toBe("2026-05-10 11:00");
    expect(first?.[col("norwood_stage")]).toBe("6");
    expect(first?.[col("price_min_usd")]).toBe("5500");
    expect(first?.[col("eligibility")]).toBe("eligible");
    // Every row has every column (no field leaked across a line break).
    expect(rows.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);

    const audit = await t.db.leadEvent.findMany({ where: { type: "exported" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: fixture.admin.id, leadId: null, data: { format: "csv", from: "2026-05-01", to: "2026-05-31", status: null, search: false, timeZone: "America/Los_Angeles" } });
  });

  it("filters by status and date; an empty result still has the header row", async () => {
    const { text } = await exportCsv("?from=2026-05-11&to=2026-05-11&status=new");
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[EXPORT_COLUMNS.indexOf("first_name")]).toBe("Maria");
    const empty = parseCsv((await exportCsv("?status=became_patient&from=2026-05-01&to=2026-05-31")).text.slice(1));
    expect(empty).toEqual([[...EXPORT_COLUMNS]]);
  });

  it("streams more than one batch in order", async () => {
    const start = new Date("2024-01-01T12:00:00Z").getTime();
    for (let i = 0; i < EXPORT_BATCH + 3; i++) {
      await storeLead(t.db, { now: new Date(start + i * 60_000), contact: { firstName: `Batch${i}` } });
    }
    const rows = parseCsv((await exportCsv("?from=2024-01-01&to=2024-01-02")).text.slice(1));
    expect(rows).toHaveLength(EXPORT_BATCH + 4);
    expect(rows[1]?.[EXPORT_COLUMNS.indexOf("first_name")]).toBe("Batch0");
    expect(rows.at(-1)?.[EXPORT_COLUMNS.indexOf("first_name")]).toBe(`Batch${EXPORT_BATCH + 2}`);
  }, 120_000);

  it("rejects unknown filters with 400", async () => {
    const { res } = await exportCsv("?colour=x");
    expect(res.status).toBe(400);
  });

  it.each(["=1", "+1", "-1", "@a", "\tx", "\rx"])("neutralizes %j", (value) => {
    expect(neutralizeFormula(value)).toBe(`'${value}`);
  });
  it("leaves ordinary text alone", () => {
    expect(neutralizeFormula("Maria")).toBe("Maria");
  });
});
