/**
 * The funnel of what happened (issue 22 item 8, decision 027) on SQLite and PostgreSQL: each change
 * that reaches a stage (the status path, a bulk change, the system's move on booking, a consultation
 * marked attended) records it in the same transaction, once (the database refuses a second row, the
 * first time stays); a stage skipped is never recorded; merge and erasure; and the summary's figures
 * for the inquiries received in the period (stages reached, median minutes, amount agreed by source),
 * at the period's boundaries in several clinic time zones.
 */
import { GET as summaryRoute } from "@/app/api/v1/reports/summary/route";
import { PATCH as leadPatchRoute } from "@/app/api/v1/leads/[id]/route";
import { bookConsultation, markConsultation } from "@/lib/booking/consultations";
import { getClinicProfile, invalidateClinicCache } from "@/lib/clinic/store";
import { clinicMidnight } from "@/lib/clinic/time";
import { eraseLead } from "@/lib/leads/erase-lead";
import { bulkUpdateLeads } from "@/lib/leads/lead-bulk";
import { EXPORT_COLUMNS, exportBatches, exportLeadsCsv } from "@/lib/leads/lead-export";
import { mergeLead } from "@/lib/leads/lead-merge";
import { leadPatchFromForm, leadPatchSchema } from "@/lib/leads/lead-patch";
import { recordStage } from "@/lib/leads/lead-stages";
import { updateLead } from "@/lib/leads/lead-workflow";
import { reportSummary } from "@/lib/reports/summary";
import { staffFixture } from "@/tests/support/staff-fixture";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

const MIN = 60_000;

/** A local clinic time "YYYY-MM-DD HH:MM" in `tz` as an instant. */
const at = (local: string, tz: string) =>
  new Date(clinicMidnight(local.slice(0, 10), tz).getTime() + (Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16))) * MIN);

forEachProvider("funnel stages", (t) => {
  const fixture = staffFixture(t);

  const stagesOf = async (leadId: string) =>
    (await t.db.leadStage.findMany({ where: { leadId }, orderBy: { reachedAt: "asc" } })).map((row) => ({
      stage: row.stage,
      reachedAt: row.reachedAt,
      amountUsd: row.amountUsd,
    }));
  const move = async (leadId: string, status: Parameters<typeof updateLead>[3]["status"], extra: Partial<Parameters<typeof updateLead>[3]> = {}) =>
    updateLead(t.db, fixture.front.id, leadId, leadPatchSchema.parse({ status, ...extra }));

  beforeAll(() => {
    invalidateClinicCache();
  });

  describe("recorded when it happens", () => {
    it("new -> contacted -> booked -> patient records each stage once; going back and again keeps the first time", async () => {
      const id = await storeLead(t.db);
      await move(id, "contacted");
      await move(id, "consultation_booked");
      await move(id, "became_patient", { treatmentAmountUsd: 3200 });
      const first = await stagesOf(id);
      expect(first.map((s) => s.stage)).toEqual(["contacted", "consultation_booked", "became_patient"]);
      expect(first.find((s) => s.stage === "became_patient")?.amountUsd).toBe(3200);

      // A correction back and forward again: no second row, the first time kept, the amount still there.
      await move(id, "consultation_booked");
      await move(id, "became_patient");
      const again = await stagesOf(id);
      expect(again).toEqual(first);

      // The amount agreed, audited with the status change.
      const audit = await t.db.leadEvent.findFirst({ where: { leadId: id, type: "status_changed", data: { equals: { from: "consultation_booked", to: "became_patient", amountUsd: 3200 } } } });
      expect(audit).not.toBeNull();
    });

    it("an inquiry moved from new straight to not proceeding reached nothing", async () => {
      const id = await storeLead(t.db);
      await move(id, "not_proceeding", { closedReason: "Chose another clinic" });
      expect(await stagesOf(id)).toEqual([]);
    });

    it("booked straight from new skipped contacted: only booked (and later patient) are recorded", async () => {
      const id = await storeLead(t.db);
      await move(id, "consultation_booked");
      await move(id, "became_patient");
      const stages = await stagesOf(id);
      expect(stages.map((s) => s.stage)).toEqual(["consultation_booked", "became_patient"]);
      expect(stages[1]?.amountUsd).toBeNull();
    });

    it("the database refuses a second record of the same stage", async () => {
      const id = await storeLead(t.db);
      await move(id, "contacted");
      await expect(t.db.leadStage.create({ data: { leadId: id, stage: "contacted", reachedAt: new Date() } })).rejects.toThrow();
      expect(await t.db.leadStage.count({ where: { leadId: id } })).toBe(1);
    });

    it("a bulk change records the stage for every inquiry it moves, in its transaction", async () => {
      const a = await storeLead(t.db);
      const b = await storeLead(t.db);
      await bulkUpdateLeads(t.db, fixture.front.id, { ids: [a, b], status: "contacted" });
      expect((await stagesOf(a)).map((s) => s.stage)).toEqual(["contacted"]);
      expect((await stagesOf(b)).map((s) => s.stage)).toEqual(["contacted"]);
      // A refused bulk change (b is contacted, cannot become a patient) writes nothing for anyone.
      const c = await storeLead(t.db);
      await move(c, "consultation_booked");
      await expect(bulkUpdateLeads(t.db, fixture.front.id, { ids: [c, b], status: "became_patient" })).rejects.toThrow();
      expect((await stagesOf(c)).map((s) => s.stage)).toEqual(["consultation_booked"]);
    });

    it("booking moves the inquiry to booked (the system) and records it; marked attended records attended, once", async () => {
      // Monday 2027-01-04 08:00 in Los Angeles; a Thursday 09:00 slot.
      const now = new Date("2027-01-04T16:00:00Z");
      const slot = new Date("2027-01-07T17:00:00Z");
      const id = await storeLead(t.db);
      const booked = await bookConsultation(t.db, { leadId: id, type: "in_person", start: slot, actor: { by: "patient", userId: null }, now });
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("consultation_booked");
      expect((await stagesOf(id)).map((s) => s.stage)).toEqual(["consultation_booked"]);

      const afterStart = new Date(slot.getTime() + 45 * MIN);
      const staff = { by: "staff", userId: fixture.front.id } as const;
      const marked = await markConsultation(t.db, { consultationId: booked.id, version: booked.version, status: "attended", actor: staff, now: afterStart });
      // Corrected to no-show and back to attended: the first time stays.
      const noShow = await markConsultation(t.db, { consultationId: booked.id, version: marked.version, status: "no_show", actor: staff, now: afterStart });
      await markConsultation(t.db, { consultationId: booked.id, version: noShow.version, status: "attended", actor: staff, now: new Date(afterStart.getTime() + 60 * MIN) });
      const stages = await stagesOf(id);
      expect(stages.map((s) => s.stage)).toEqual(["consultation_booked", "attended"]);
      expect(stages[1]?.reachedAt.getTime()).toBe(afterStart.getTime());
    });
  });

  describe("the amount agreed", () => {
    it("is validated: whole dollars, 1 to the price table's bound, only with became a patient; nothing half-written", async () => {
      const id = await storeLead(t.db);
      await move(id, "contacted");
      await move(id, "consultation_booked");
      const patch = (body: unknown) =>
        leadPatchRoute(staffRequest(`/api/v1/leads/${id}`, fixture.front.headers, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));
      for (const [body, message] of [
        [{ status: "became_patient", treatmentAmountUsd: 12.5 }, "whole US dollars"],
        [{ status: "became_patient", treatmentAmountUsd: 0 }, "at least $1"],
        [{ status: "became_patient", treatmentAmountUsd: 2_000_000 }, "cannot be above"],
        [{ status: "became_patient", treatmentAmountUsd: "lots" }, "whole US dollars"],
        [{ status: "contacted", treatmentAmountUsd: 900 }, "only goes with"],
      ] as const) {
        const res = await patch(body);
        expect(res.status).toBe(400);
        const error = (await res.json()) as { error: { message: string; fields?: Record<string, string> } };
        expect(error.error.fields?.treatmentAmountUsd ?? error.error.message).toContain(message);
      }
      expect((await t.db.lead.findUniqueOrThrow({ where: { id } })).status).toBe("consultation_booked");
      expect((await stagesOf(id)).map((s) => s.stage)).toEqual(["contacted", "consultation_booked"]);

      const ok = await patch({ status: "became_patient", treatmentAmountUsd: 4100 });
      expect(ok.status).toBe(200);
      expect((await stagesOf(id)).find((s) => s.stage === "became_patient")?.amountUsd).toBe(4100);
      // Sent again on a patient: a change of the amount, audited; the first time stays.
      const reachedAt = (await stagesOf(id)).find((s) => s.stage === "became_patient")?.reachedAt;
      expect((await patch({ status: "became_patient", treatmentAmountUsd: 3900 })).status).toBe(200);
      const now = (await stagesOf(id)).find((s) => s.stage === "became_patient");
      expect(now).toMatchObject({ amountUsd: 3900, reachedAt });
      expect(await t.db.leadEvent.count({ where: { leadId: id, type: "status_changed", data: { equals: { from: "became_patient", to: "became_patient", amountUsd: 3900 } } } })).toBe(1);
    });

    it("the status form reads dollars as people type them; empty is none", () => {
      const form = (amount: string) => {
        const data = new FormData();
        data.set("status", "became_patient");
        data.set("treatmentAmountUsd", amount);
        return leadPatchSchema.safeParse(leadPatchFromForm(data));
      };
      expect(form("$3,200").data?.treatmentAmountUsd).toBe(3200);
      expect(form(" 4500 ").data?.treatmentAmountUsd).toBe(4500);
      expect(form("").data?.treatmentAmountUsd).toBeUndefined();
      expect(form("three thousand").success).toBe(false);
      expect(form("-5").success).toBe(false);
    });
  });

  describe("merge and erasure", () => {
    it("a merged duplicate keeps its own stages (not counted: merged duplicates never are); the survivor keeps its own", async () => {
      const survivor = await storeLead(t.db);
      const duplicate = await storeLead(t.db);
      await move(duplicate, "contacted");
      await move(survivor, "consultation_booked");
      const version = (await t.db.lead.findUniqueOrThrow({ where: { id: duplicate } })).version;
      await mergeLead(t.db, fixture.front.id, duplicate, { intoId: survivor, version });
      expect((await stagesOf(duplicate)).map((s) => s.stage)).toEqual(["contacted"]);
      expect((await stagesOf(survivor)).map((s) => s.stage)).toEqual(["consultation_booked"]);
    });

    it("erasure removes the inquiry's stages and amount, and those of the duplicates merged into it", async () => {
      const survivor = await storeLead(t.db);
      const duplicate = await storeLead(t.db);
      await move(duplicate, "contacted");
      await move(survivor, "consultation_booked");
      await move(survivor, "became_patient", { treatmentAmountUsd: 2500 });
      const version = (await t.db.lead.findUniqueOrThrow({ where: { id: duplicate } })).version;
      await mergeLead(t.db, fixture.front.id, duplicate, { intoId: survivor, version });
      await eraseLead(t.db, fixture.admin.id, survivor);
      expect(await t.db.leadStage.count({ where: { leadId: { in: [survivor, duplicate] } } })).toBe(0);
    });
  });

  describe("the summary's funnel figures", () => {
    /** An inquiry received at `received` (clinic time) with its stages reached `minutes` after. */
    async function seeded(tz: string, received: string, source: string | null, stages: Partial<Record<"contacted" | "consultation_booked" | "attended" | "became_patient", number>>, amountUsd?: number) {
      const id = await storeLead(t.db);
      const createdAt = at(received, tz);
      await t.db.lead.update({ where: { id }, data: { createdAt, utmSource: source } });
      await t.db.$transaction(async (tx) => {
        for (const [stage, minutes] of Object.entries(stages) as [keyof typeof stages, number][]) {
          await recordStage(tx, id, stage, new Date(createdAt.getTime() + minutes * MIN), stage === "became_patient" ? amountUsd : undefined);
        }
      });
      return id;
    }

    async function useTimeZone(tz: string) {
      await getClinicProfile(t.db);
      await t.db.clinicProfile.updateMany({ data: { timeZone: tz } });
      invalidateClinicCache();
    }

    afterAll(async () => {
      await useTimeZone("America/Los_Angeles");
    });

    // Each zone gets its own year, so the zones' inquiries never meet in one period.
    const ZONES = [
      ["America/Los_Angeles", 2031],
      ["Europe/Madrid", 2032],
      ["Asia/Kolkata", 2033],
      ["Pacific/Auckland", 2034],
    ] as const;

    it.each(ZONES)("counts stages reached, skipped ones not, medians and amount by source, in %s", async (tz, year) => {
      await useTimeZone(tz);
      const y = String(year);
      // Outside the period by a minute of clinic time on each side: reached everything, never counted.
      await seeded(tz, `${y}-02-28 23:59`, "google", { contacted: 5, consultation_booked: 10, attended: 20, became_patient: 30 }, 99_000);
      await seeded(tz, `${y}-04-01 00:00`, "google", { contacted: 5, consultation_booked: 10, attended: 20, became_patient: 30 }, 99_000);
      // In March (both boundary minutes included):
      await seeded(tz, `${y}-03-01 00:00`, "google", { contacted: 30, consultation_booked: 120, attended: 2000, became_patient: 3000 }, 3000);
      // booked then became a patient, no attended mark: counts as booked and patient, not attended.
      await seeded(tz, `${y}-03-10 09:00`, "google", { contacted: 60, consultation_booked: 240, became_patient: 5000 }, 4500);
      // booked straight from new (skipped contacted), became a patient without an amount.
      await seeded(tz, `${y}-03-15 12:00`, "instagram", { consultation_booked: 600, became_patient: 7000 });
      // contacted only; and new -> not proceeding (nothing reached).
      await seeded(tz, `${y}-03-20 08:00`, null, { contacted: 90 });
      await seeded(tz, `${y}-03-31 23:59`, "instagram", {});

      const summary = await reportSummary(t.db, { from: `${y}-03-01`, to: `${y}-03-31` });
      expect(summary.inquiries).toBe(5);
      expect(summary.stages).toEqual({
        contacted: { reached: 3, medianMinutes: 60 },
        consultationBooked: { reached: 3, medianMinutes: 240 },
        attended: { reached: 1, medianMinutes: 2000 },
        becamePatient: { reached: 3, medianMinutes: 5000 },
      });
      // Time to first contact: the contacted ones only (30, 60, 90), not the one never contacted.
      expect(summary.medianMinutesToFirstContact).toBe(60);
      expect(summary.amountBySource).toEqual([
        { utmSource: "google", patients: 2, amountUsd: 7500 },
        { utmSource: "instagram", patients: 1, amountUsd: 0 },
      ]);

      // One day at each end: the boundary inquiries of the first and last minute alone.
      const first = await reportSummary(t.db, { from: `${y}-03-01`, to: `${y}-03-01` });
      expect(first.stages.contacted).toEqual({ reached: 1, medianMinutes: 30 });
      expect(first.amountBySource).toEqual([{ utmSource: "google", patients: 1, amountUsd: 3000 }]);
      const last = await reportSummary(t.db, { from: `${y}-03-31`, to: `${y}-03-31` });
      expect(last.inquiries).toBe(1);
      expect(last.stages.contacted).toEqual({ reached: 0, medianMinutes: null });
      expect(last.amountBySource).toEqual([]);
    });

    it("the exports append each stage's first time and the amount agreed (both read paths alike)", async () => {
      await useTimeZone("America/Los_Angeles");
      const tz = "America/Los_Angeles";
      const patient = await seeded(tz, "2030-06-03 09:00", "google", { contacted: 30, consultation_booked: 60, became_patient: 1440 }, 2750);
      const untouched = await seeded(tz, "2030-06-04 09:00", "google", {});
      const tail = EXPORT_COLUMNS.slice(-5);
      expect(tail).toEqual(["stage_contacted_at", "stage_consultation_booked_at", "stage_attended_at", "stage_became_patient_at", "treatment_amount_usd"]);
      const query = { from: "2030-06-01", to: "2030-06-30" };
      const read = async (path: "driver" | "prisma") => {
        const next = exportBatches(t.db, query, tz, { path });
        const rows: unknown[][] = [];
        for (let batch = await next(); batch; batch = await next()) rows.push(...batch);
        return rows;
      };
      const viaDriver = await read("driver");
      expect(viaDriver).toEqual(await read("prisma"));
      const received = at("2030-06-03 09:00", tz).getTime();
      const row = (id: string) => viaDriver.find((r) => r[EXPORT_COLUMNS.indexOf("id")] === id)?.slice(-5);
      expect(row(patient)).toEqual([new Date(received + 30 * MIN), new Date(received + 60 * MIN), null, new Date(received + 1440 * MIN), 2750]);
      expect(row(untouched)).toEqual([null, null, null, null, null]);
      const csv = await new Response(await exportLeadsCsv(t.db, fixture.admin.id, query)).text();
      const lines = csv.split("\r\n");
      expect(lines[0]?.endsWith(",stage_contacted_at,stage_consultation_booked_at,stage_attended_at,stage_became_patient_at,treatment_amount_usd")).toBe(true);
      expect(lines.find((l) => l.startsWith(patient))?.endsWith(",2030-06-03 09:30,2030-06-03 10:00,,2030-06-04 09:00,2750")).toBe(true);
    });

    it("the summary API answers the figures (validated against the served OpenAPI document)", async () => {
      await useTimeZone("America/Los_Angeles");
      const res = await summaryRoute(staffRequest("/api/v1/reports/summary?from=2031-03-01&to=2031-03-31", fixture.admin.headers));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { stages: unknown; amountBySource: unknown; medianMinutesToFirstContact: unknown };
      expect(body.stages).toEqual({
        contacted: { reached: 3, medianMinutes: 60 },
        consultationBooked: { reached: 3, medianMinutes: 240 },
        attended: { reached: 1, medianMinutes: 2000 },
        becamePatient: { reached: 3, medianMinutes: 5000 },
      });
      expect(body.amountBySource).toEqual([
        { utmSource: "google", patients: 2, amountUsd: 7500 },
        { utmSource: "instagram", patients: 1, amountUsd: 0 },
      ]);
    });
  });
});
