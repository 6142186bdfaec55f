import ExcelJS from "exceljs";

import { closeDb, driverHandle } from "@/lib/db/client";
import { EXPORT_COLUMNS, type ExportColumn, exportBatches, exportLeadsCsv, exportLeadsXlsx } from "@/lib/leads/lead-export";
import { confirmAssessment } from "@/lib/photos/assessment";
import { createSignedInStaff, type SignedInStaff } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

/**
 * The export reads its rows on the driver underneath the client (better-sqlite3, or pg with
 * rowMode "array" and its own value parsing, notes in the same statement) and, as a fallback,
 * through Prisma's $queryRaw: both must yield the same typed cells, in the same order, across
 * batch boundaries (lib/leads/lead-export.ts).
 */

type Cells = Awaited<ReturnType<ReturnType<typeof exportBatches>>>;

async function readAll(next: () => Promise<Cells>): Promise<NonNullable<Cells>> {
  const rows: NonNullable<Cells> = [];
  for (let batch = await next(); batch; batch = await next()) rows.push(...batch);
  return rows;
}

const col = (name: ExportColumn) => EXPORT_COLUMNS.indexOf(name);

/** An instant as the CSV writes it: the default clinic's wall clock (America/Los_Angeles), to the minute. */
const assessedAtCsv = (at: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);

forEachProvider("export read paths", (t) => {
  let admin: SignedInStaff;
  let frontDesk: SignedInStaff;
  const ids: string[] = [];
  const sameInstant = new Date("2026-07-04T16:00:00.123Z");

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    admin = await createSignedInStaff(t.db, "admin");
    frontDesk = await createSignedInStaff(t.db, "front_desk", "desk");
    // Five inquiries at the very same millisecond: the keyset must page through them by id.
    for (let i = 0; i < 5; i++) ids.push(await storeLead(t.db, { now: sameInstant, contact: { firstName: `Same${i}` } }));
    ids.push(
      await storeLead(t.db, {
        now: new Date("2026-07-04T16:05:00Z"),
        answers: { scars: ["strip", "fue"], skinConditions: ["psoriasis"], dermatologyClearance: true, healthScreen: ["pigment_allergy"] },
        contact: { firstName: "Zoë", lastName: "=cmd|' /C calc'!A0" },
      }),
    );
    const withNotes = ids[5] as string;
    await t.db.lead.update({
      where: { id: withNotes },
      // Control characters as stored before input validation refused them.
      data: { patientNotes: "bell\u0007 kept for the encoders", firstContactedAt: new Date("2026-07-04T18:30:00.456Z"), followUpAt: new Date("2026-11-01T09:00:00Z"), assigneeId: frontDesk.id },
    });
    // Notes out of insertion order, by two authors, one across the PDT -> PST change (1 November 2026).
    await t.db.leadNote.create({ data: { leadId: withNotes, authorId: admin.id, body: "second, \"quoted\"", createdAt: new Date("2026-11-01T10:30:00Z") } });
    await t.db.leadNote.create({ data: { leadId: withNotes, authorId: frontDesk.id, body: "first | with a bar", createdAt: new Date("2026-07-05T01:15:00Z") } });
    await t.db.leadNote.create({ data: { leadId: withNotes, authorId: admin.id, body: "=1+1 last\u001b", createdAt: new Date("2026-11-02T20:00:00Z") } });
  });
  afterAll(async () => {
    await closeDb();
  });

  it("reads the same cells on the driver and through Prisma, in keyset order across batches of any size", async () => {
    await t.db.lead.count(); // connected: the driver handle exists
    expect(driverHandle(t.db)?.provider).toBe(t.provider);
    const query = { from: "2026-07-01", to: "2026-07-31" };
    const viaPrisma = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "prisma", batchSize: 500 }));
    expect(viaPrisma.map((r) => r[col("id")])).toEqual([...ids.slice(0, 5)].sort().concat(ids[5] as string));
    for (const batchSize of [1, 2, 5, 500]) {
      const viaDriver = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "driver", batchSize }));
      expect(viaDriver).toEqual(viaPrisma);
    }
  });

  it("types every cell: instants as Dates (milliseconds kept), numbers, booleans, lists, assignee and notes oldest first", async () => {
    const rows = await readAll(exportBatches(t.db, { from: "2026-07-04", to: "2026-07-04" }, "Europe/Madrid", { batchSize: 4 }));
    expect(rows).toHaveLength(6);
    const first = rows[0] ?? [];
    expect(first[col("created_at")]).toEqual(sameInstant);
    expect(first[col("first_contacted_at")]).toBeNull();
    expect(first[col("staff_notes")]).toBe("");
    expect(first[col("latest_note")]).toBeNull();
    expect(first[col("assignee")]).toBeNull();

    const row = rows[5] ?? [];
    expect(row[col("first_name")]).toBe("Zoë");
    expect(row[col("last_name")]).toBe("=cmd|' /C calc'!A0"); // raw cell: each encoder makes it inert its own way
    expect(row[col("patient_notes")]).toBe("bell\u0007 kept for the encoders");
    expect(row[col("first_contacted_at")]).toEqual(new Date("2026-07-04T18:30:00.456Z"));
    expect(row[col("follow_up_at")]).toEqual(new Date("2026-11-01T09:00:00Z"));
    expect(row[col("consent_at")]).toBeInstanceOf(Date);
    expect(typeof row[col("price_min_usd")]).toBe("number");
    expect(typeof row[col("age")]).toBe("number");
    expect(typeof row[col("price_table_version")]).toBe("number");
    expect(typeof row[col("price_is_estimate")]).toBe("boolean");
    expect(row[col("dermatology_clearance")]).toBe(true);
    expect(row[col("scars")]).toBe("strip; fue");
    expect(row[col("skin_conditions")]).toBe("psoriasis");
    expect(row[col("health_screen")]).toBe("pigment_allergy");
    expect(row[col("assignee")]).toBe("Test desk");
    // Madrid: 03:15 CEST on 5 July, 11:30 CET on 1 November, 21:00 CET on 2 November.
    expect(row[col("staff_notes")]).toBe(
      '2026-07-05 03:15 Test desk: first | with a bar | 2026-11-01 11:30 Test admin: second, "quoted" | 2026-11-02 21:00 Test admin: =1+1 last\u001b',
    );
    expect(row[col("latest_note")]).toBe("=1+1 last\u001b");
  });

  it("adds the photo count and the confirmed stage, eligibility and price at the end, equal on both read paths", async () => {
    const withPhotos = await storeLead(t.db, { now: new Date("2026-08-10T17:00:00Z"), answers: { lossPattern: "norwood", norwoodStage: "unknown" } });
    const photosOnly = await storeLead(t.db, { now: new Date("2026-08-10T18:00:00Z") });
    const neither = await storeLead(t.db, { now: new Date("2026-08-10T19:00:00Z") });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    for (const [leadId, slots] of [[withPhotos, [1, 2, 3]], [photosOnly, [1]]] as const) {
      for (const slot of slots) await t.db.leadPhoto.create({ data: { leadId, slot, view: "top", width: 1, height: 1, bytes: 4, image: jpeg, thumb: jpeg } });
    }
    const { confirmedResult } = await confirmAssessment(t.db, admin.id, withPhotos, { norwoodStage: "5", scars: [] });
    const assessedAt = (await t.db.leadAssessment.findUniqueOrThrow({ where: { leadId: withPhotos } })).assessedAt;

    const query = { from: "2026-08-10", to: "2026-08-10" };
    const viaPrisma = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "prisma" }));
    const viaDriver = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "driver", batchSize: 2 }));
    expect(viaDriver).toEqual(viaPrisma);
    // Appended after the earlier columns, which keep their places.
    expect(EXPORT_COLUMNS.slice(EXPORT_COLUMNS.indexOf("latest_note") + 1, EXPORT_COLUMNS.indexOf("assessed_at") + 1)).toEqual([
      "photo_count", "confirmed_norwood_stage", "confirmed_ludwig_stage", "confirmed_eligibility", "confirmed_price_min_usd", "confirmed_price_max_usd", "assessed_at",
    ]);
    const tail = (row: (typeof viaDriver)[number] | undefined) => (row ?? []).slice(col("photo_count"), col("assessed_at") + 1);
    expect(viaDriver.map((r) => r[col("id")])).toEqual([withPhotos, photosOnly, neither]);
    expect(tail(viaDriver[0])).toEqual([3, "5", null, confirmedResult.status, confirmedResult.price.minUsd, confirmedResult.price.maxUsd, assessedAt]);
    expect(viaDriver[0]?.[col("norwood_stage")]).toBe("unknown"); // the patient's own answer stays in its column
    expect(tail(viaDriver[1])).toEqual([1, null, null, null, null, null, null]);
    expect(tail(viaDriver[2])).toEqual([0, null, null, null, null, null, null]);

    const csv = await new Response(await exportLeadsCsv(t.db, admin.id, query)).text();
    const line = csv.split("\r\n").find((l) => l.startsWith(withPhotos)) ?? "";
    // ...then the seven consultation columns, empty: none booked.
    expect(line.endsWith(`,3,5,,${confirmedResult.status},${confirmedResult.price.minUsd},${confirmedResult.price.maxUsd},${assessedAtCsv(assessedAt)},,,,,,,,,,,,`)).toBe(true);
    expect(csv.split("\r\n").find((l) => l.startsWith(neither))?.endsWith(",0,,,,,,,,,,,,,,,,,,")).toBe(true);
  });

  it("adds the inquiry's consultation at the end (the booked one, else the one changed last), equal on both read paths and in the CSV and XLSX cells", async () => {
    const booked = await storeLead(t.db, { now: new Date("2026-09-14T16:00:00Z") });
    const history = await storeLead(t.db, { now: new Date("2026-09-14T17:00:00Z") });
    const none = await storeLead(t.db, { now: new Date("2026-09-14T18:00:00Z") });
    const consultant = await t.db.consultant.create({ data: { userId: frontDesk.id } });
    const row = (leadId: string, start: string, status: string, extra: { consultantId?: string; bookedBy?: string; createdAt?: Date; updatedAt?: Date } = {}) => {
      const s = new Date(start);
      const e = new Date(s.getTime() + 30 * 60_000);
      const consultantId = extra.consultantId ?? null;
      return {
        leadId, type: "video", startsAt: s, endsAt: e, blockedStart: s, blockedEnd: e, status, consultantId, calendarKey: consultantId ?? "clinic",
        bookedBy: extra.bookedBy ?? "patient", ...(extra.createdAt ? { createdAt: extra.createdAt } : {}), ...(extra.updatedAt ? { updatedAt: extra.updatedAt } : {}),
      };
    };
    // Booked with a consultant (across the PDT -> PST change: 1 November 2026 09:30 PST), beside an older cancelled one.
    await t.db.consultation.create({ data: row(booked, "2026-10-20T16:00:00Z", "cancelled", { updatedAt: new Date("2026-10-25T00:00:00Z") }) });
    await t.db.consultation.create({ data: row(booked, "2026-11-02T17:30:00Z", "booked", { consultantId: consultant.id, bookedBy: "staff", createdAt: new Date("2026-09-15T20:05:00.250Z") }) });
    // No booked one: the one changed last (the no-show, not the earlier cancelled one).
    await t.db.consultation.create({ data: row(history, "2026-09-20T16:00:00Z", "cancelled", { updatedAt: new Date("2026-09-18T00:00:00Z") }) });
    await t.db.consultation.create({ data: row(history, "2026-09-22T16:00:00Z", "no_show", { createdAt: new Date("2026-09-19T16:00:00Z"), updatedAt: new Date("2026-09-22T17:00:00Z") }) });

    const query = { from: "2026-09-14", to: "2026-09-14" };
    const viaPrisma = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "prisma" }));
    const viaDriver = await readAll(exportBatches(t.db, query, "America/Los_Angeles", { path: "driver", batchSize: 2 }));
    expect(viaDriver).toEqual(viaPrisma);
    expect(EXPORT_COLUMNS.slice(EXPORT_COLUMNS.indexOf("assessed_at") + 1, EXPORT_COLUMNS.indexOf("consultation_booked_by") + 1)).toEqual([
      "consultation_status", "consultation_type", "consultation_start", "consultation_time_zone", "consultant", "consultation_booked_at", "consultation_booked_by",
    ]);
    const tail = (r: (typeof viaDriver)[number] | undefined) => (r ?? []).slice(col("consultation_status"), col("consultation_booked_by") + 1);
    expect(viaDriver.map((r) => r[col("id")])).toEqual([booked, history, none]);
    expect(tail(viaDriver[0])).toEqual(["booked", "video", new Date("2026-11-02T17:30:00Z"), "America/Los_Angeles", "Test desk", new Date("2026-09-15T20:05:00.250Z"), "staff"]);
    expect(tail(viaDriver[1])).toEqual(["no_show", "video", new Date("2026-09-22T16:00:00Z"), "America/Los_Angeles", null, new Date("2026-09-19T16:00:00Z"), "patient"]);
    expect(tail(viaDriver[2])).toEqual([null, null, null, null, null, null, null]);

    const csv = await new Response(await exportLeadsCsv(t.db, admin.id, query)).text();
    const lines = csv.split("\r\n");
    // 09:30 PST on 2 November (after the change); booked at 13:05 PDT on 15 September.
    expect(lines.find((l) => l.startsWith(booked))).toContain(",booked,video,2026-11-02 09:30,America/Los_Angeles,Test desk,2026-09-15 13:05,staff");
    expect(lines.find((l) => l.startsWith(history))).toContain(",no_show,video,2026-09-22 09:00,America/Los_Angeles,,2026-09-19 09:00,patient");
    expect(lines.find((l) => l.startsWith(none))?.endsWith(",,,,,,,")).toBe(true);
    expect(lines[0]).toContain(",consultation_status,consultation_type,consultation_start,consultation_time_zone,consultant,consultation_booked_at,consultation_booked_by");

    // The XLSX: the same cells, the start a date cell of the clinic's wall clock.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await new Response(await exportLeadsXlsx(t.db, admin.id, query)).arrayBuffer());
    const sheet = workbook.getWorksheet("Inquiries");
    const cell = (rowNumber: number, name: ExportColumn) => sheet?.getRow(rowNumber).getCell(col(name) + 1);
    expect(cell(2, "consultation_status")?.value).toBe("booked");
    expect(cell(2, "consultation_start")?.type).toBe(ExcelJS.ValueType.Date);
    expect((cell(2, "consultation_start")?.value as Date).toISOString()).toBe("2026-11-02T09:30:00.000Z");
    expect(cell(2, "consultation_time_zone")?.value).toBe("America/Los_Angeles");
    expect(cell(2, "consultant")?.value).toBe("Test desk");
    expect((cell(2, "consultation_booked_at")?.value as Date).toISOString()).toBe("2026-09-15T13:05:00.250Z");
    expect(cell(3, "consultation_status")?.value).toBe("no_show");
    expect(cell(3, "consultant")?.value).toBeNull();
    expect(cell(4, "consultation_start")?.value).toBeNull();
  });

  it("writes the notes in the clinic's wall clock and makes the cells safe in the CSV", async () => {
    const stream = await exportLeadsCsv(t.db, admin.id, { from: "2026-07-04", to: "2026-07-04" });
    const text = await new Response(stream).text();
    const line = text.split("\r\n").find((l) => l.startsWith(ids[5] as string)) ?? "";
    // America/Los_Angeles (the default clinic zone): 18:15 PDT on 4 July, 02:30 PST on 1 November (after the change), 12:00 PST on 2 November.
    expect(line).toContain('"2026-07-04 18:15 Test desk: first | with a bar | 2026-11-01 02:30 Test admin: second, ""quoted"" | 2026-11-02 12:00 Test admin: =1+1 last"');
    expect(line).toContain(",'=1+1 last"); // latest_note: control character removed, formula made inert
    expect(line).toContain(",'=cmd|' /C calc'!A0,");
    expect(line).toContain(",bell kept for the encoders,");
    expect(line).toContain(",2026-07-04 09:05,");
    expect(line).toContain(",2026-07-04 11:30,"); // first_contacted_at
    expect(line).toContain(",2026-11-01 01:00,"); // follow_up_at: 09:00 UTC is 01:00 PST (the clocks went back at 02:00 PDT)
  });
});
