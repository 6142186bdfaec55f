/**
 * Migration 20261208013007_lead_stages on both databases (decision 027): the funnel stages of the
 * inquiries stored before it are rebuilt from the audit trail (the first move into each status, by a
 * single or a bulk change, and the first consultation marked attended), else implied by the current
 * status at the best time known; a stage passed through without a trace is not invented; an inquiry
 * moved from new straight to not proceeding reached nothing. Every rebuilt row says "reconstructed".
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { newId } from "@/lib/db/ids";
import { defaultMigrationsDir, migrate } from "@/lib/db/migrate";
import { storeLead } from "@/tests/support/staff-leads";
import { createTestDatabase, PROVIDERS, type TestDatabase } from "@/tests/support/test-db";

const MIGRATION = "20261208013007_lead_stages";
const MIN = 60_000;
const T0 = new Date("2026-11-10T17:00:00Z");
const after = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

for (const provider of PROVIDERS) {
  describe(`lead stages migration [${provider}]`, () => {
    let t: TestDatabase | undefined;
    let before = "";

    beforeAll(async () => {
      before = mkdtempSync(path.join(tmpdir(), "smp-migrations-before-"));
      cpSync(defaultMigrationsDir(provider), before, { recursive: true });
      rmSync(path.join(before, MIGRATION), { recursive: true, force: true });
      t = await createTestDatabase(provider, { migrateOptions: { migrationsDir: before } });
    });
    afterAll(async () => {
      await t?.cleanup();
      rmSync(before, { recursive: true, force: true });
    });

    it("rebuilds each inquiry's stages from the audit trail and the current status", async () => {
      if (!t) throw new Error("no test database");
      const db = t.db;
      const lead = async (status: string, extra: { firstContactedAt?: Date } = {}) => {
        const id = await storeLead(db);
        await db.lead.update({ where: { id }, data: { status, createdAt: T0, ...extra } });
        return id;
      };
      const event = (leadId: string, type: string, data: object, minutes: number) => db.leadEvent.create({ data: { leadId, type, data, createdAt: after(minutes) } });

      // The whole way, traced: single changes, the system's booking move, a bulk change, attended.
      const traced = await lead("became_patient", { firstContactedAt: after(10) });
      await event(traced, "status_changed", { from: "new", to: "contacted" }, 10);
      await event(traced, "status_changed", { from: "contacted", to: "consultation_booked", by: "system" }, 20);
      await event(traced, "consultation_attended", { consultationId: "c1", status: "attended" }, 25);
      await event(traced, "bulk_changed", { status: { from: "consultation_booked", to: "became_patient" } }, 30);
      // Contacted, corrected back to new, contacted again: the first time.
      const twice = await lead("contacted", { firstContactedAt: after(7) });
      await event(twice, "status_changed", { from: "new", to: "contacted" }, 7);
      await event(twice, "status_changed", { from: "contacted", to: "new" }, 8);
      await event(twice, "status_changed", { from: "new", to: "contacted" }, 50);
      // New straight to not proceeding: nothing (its first contact time is no contact).
      const closed = await lead("not_proceeding", { firstContactedAt: after(3) });
      await event(closed, "status_changed", { from: "new", to: "not_proceeding", reason: "No" }, 3);
      // No trace at all: implied by the status.
      const untracedContacted = await lead("contacted", { firstContactedAt: after(5) });
      const untracedPatient = await lead("became_patient");
      const s = after(60);
      const e = after(90);
      await db.consultation.create({
        data: { id: newId(), leadId: untracedPatient, calendarKey: "clinic", type: "in_person", startsAt: s, endsAt: e, blockedStart: s, blockedEnd: e, status: "attended", bookedBy: "patient", createdAt: after(40) },
      });
      const untouched = await lead("new");

      const result = await migrate(t.url);
      expect(result.applied).toContain(MIGRATION);

      const stages = async (leadId: string) =>
        (await db.leadStage.findMany({ where: { leadId }, orderBy: { reachedAt: "asc" } })).map((r) => [r.stage, r.reachedAt.toISOString(), r.reconstructed] as const);
      expect(await stages(traced)).toEqual([
        ["contacted", after(10).toISOString(), true],
        ["consultation_booked", after(20).toISOString(), true],
        ["attended", after(25).toISOString(), true],
        ["became_patient", after(30).toISOString(), true],
      ]);
      expect(await stages(twice)).toEqual([["contacted", after(7).toISOString(), true]]);
      expect(await stages(closed)).toEqual([]);
      expect(await stages(untracedContacted)).toEqual([["contacted", after(5).toISOString(), true]]);
      const patient = await stages(untracedPatient);
      expect(patient.map(([stage]) => stage).sort()).toEqual(["attended", "became_patient", "consultation_booked"]);
      expect(patient.find(([stage]) => stage === "consultation_booked")?.[1]).toBe(after(40).toISOString());
      for (const [, reachedAt] of patient) expect(reachedAt >= T0.toISOString()).toBe(true);
      expect(await stages(untouched)).toEqual([]);
      expect((await db.leadStage.findMany({ where: { amountUsd: { not: null } } })).length).toBe(0);

      // Running it again changes nothing.
      expect((await migrate(t.url)).applied).toEqual([]);
    });
  });
}
