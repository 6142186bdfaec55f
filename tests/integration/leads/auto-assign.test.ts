/**
 * Automatic assignment (issue 10 #5; ClinicSettings.autoAssign): round robin and least open
 * inquiries over active front-desk users, applied in the transaction that stores the lead (SQL
 * path and Prisma path), fair under concurrent submissions, audited as by the system. On SQLite and
 * PostgreSQL.
 */
import type { AutoAssignMode } from "@/lib/clinic/schemas";
import { getClinicSettings, updateClinicSettings } from "@/lib/clinic/store";
import { createDb } from "@/lib/db/client";
import { createLead, type CreateLeadOptions } from "@/lib/leads/create-lead";
import { createLeadSchema } from "@/lib/leads/lead-input";
import { buildLeadBody } from "@/tests/support/lead-builders";
import { forEachProvider, type ProviderContext } from "@/tests/support/test-db";

const FRONT = ["fd-1", "fd-2", "fd-3"] as const;

async function setMode(t: ProviderContext, autoAssign: AutoAssignMode) {
  const { version } = await getClinicSettings(t.db, 0);
  await updateClinicSettings(t.db, { autoAssign }, null, version);
}

async function submit(t: ProviderContext, options: Partial<CreateLeadOptions> = {}, db = t.db) {
  const outcome = await createLead(db, createLeadSchema.parse(buildLeadBody()), { ip: "198.51.100.7", channels: [], ...options });
  return db.lead.findUniqueOrThrow({ where: { id: outcome.id }, select: { id: true, assigneeId: true } });
}

/** Each test starts from no open inquiries and a fresh rotation. */
async function reset(t: ProviderContext) {
  await t.db.lead.updateMany({ where: { status: { not: "not_proceeding" } }, data: { status: "not_proceeding" } });
  await t.db.autoAssignCursor.updateMany({ data: { lastUserId: null } });
}

function tally(assignees: (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of assignees) counts[a ?? "nobody"] = (counts[a ?? "nobody"] ?? 0) + 1;
  return counts;
}

forEachProvider("automatic assignment", (t) => {
  beforeAll(async () => {
    // Created out of id order, so the rotation's order is the ids', not the insertion's.
    for (const id of ["fd-2", "fd-3", "fd-1"]) {
      await t.db.user.create({ data: { id, name: `Front ${id}`, email: `${id}@clinic.example.com`, role: "front_desk" } });
    }
    // Never picked: an admin is not front desk (a deactivated front-desk user: see below).
    await t.db.user.create({ data: { id: "ad-0", name: "Admin", email: "admin@clinic.example.com", role: "admin" } });
    // The price table and the settings rows exist before the concurrent tests (their first reads create them).
    await submit(t);
  });

  it("off (the default): nobody is assigned and nothing is audited", async () => {
    await reset(t);
    expect((await getClinicSettings(t.db, 0)).autoAssign).toBe("off");
    const lead = await submit(t);
    expect(lead.assigneeId).toBeNull();
    expect(await t.db.leadEvent.count({ where: { leadId: lead.id, type: "assigned" } })).toBe(0);
  });

  it("round robin: front-desk users take turns in id order, admins are skipped, each assignment audited by the system", async () => {
    await reset(t);
    await setMode(t, "round_robin");
    const leads = [];
    for (let i = 0; i < 7; i++) leads.push(await submit(t));
    expect(leads.map((l) => l.assigneeId)).toEqual(["fd-1", "fd-2", "fd-3", "fd-1", "fd-2", "fd-3", "fd-1"]);

    const events = await t.db.leadEvent.findMany({ where: { leadId: leads[1]!.id }, orderBy: { type: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["assigned", "created"]);
    expect(events[0]).toMatchObject({ actorId: null, data: { from: null, to: "fd-2", by: "auto_assign", mode: "round_robin" } });
    expect(await t.db.autoAssignCursor.findUniqueOrThrow({ where: { id: "clinic" } })).toMatchObject({ lastUserId: "fd-1" });
  });

  it("round robin through the Prisma fallback path continues the same rotation", async () => {
    await reset(t);
    await setMode(t, "round_robin");
    const a = await submit(t);
    const b = await submit(t, { writePath: "prisma" });
    const c = await submit(t);
    expect([a.assigneeId, b.assigneeId, c.assigneeId]).toEqual(["fd-1", "fd-2", "fd-3"]);
    expect(await t.db.leadEvent.findFirst({ where: { leadId: b.id, type: "assigned" } })).toMatchObject({
      actorId: null,
      data: { from: null, to: "fd-2", by: "auto_assign", mode: "round_robin" },
    });
  });

  it("least open: the user with the fewest open inquiries, ties in rotation; closed inquiries do not count", async () => {
    await reset(t);
    await setMode(t, "off");
    // fd-1: 3 open; fd-2: 2 closed (not counted); fd-3: 1 open.
    const seed = async (assigneeId: string, status: string) => {
      const lead = await submit(t);
      await t.db.lead.update({ where: { id: lead.id }, data: { assigneeId, status } });
    };
    for (let i = 0; i < 3; i++) await seed("fd-1", "contacted");
    await seed("fd-2", "became_patient");
    await seed("fd-2", "not_proceeding");
    await seed("fd-3", "new");
    await setMode(t, "least_open");
    const leads = [];
    for (let i = 0; i < 6; i++) leads.push(await submit(t, i === 2 ? { writePath: "prisma" } : {}));
    const picks = leads.map((l) => l.assigneeId);
    // Open counts fd-1/fd-2/fd-3: 3/0/1 -> fd-2 (3/1/1) -> tie, the one after fd-2 is fd-3 (3/1/2) -> fd-2 (3/2/2)
    // -> tie, after fd-2: fd-3 (3/2/3) -> fd-2 (3/3/3) -> three-way tie, after fd-2: fd-3.
    expect(picks).toEqual(["fd-2", "fd-3", "fd-2", "fd-3", "fd-2", "fd-3"]);
    const audit = await t.db.leadEvent.findMany({ where: { type: "assigned", leadId: { in: leads.map((l) => l.id) } } });
    expect(audit.map((e) => [e.actorId, (e.data as { mode?: unknown }).mode])).toEqual(Array(6).fill([null, "least_open"]));
  });

  it("a deactivated front-desk user is skipped by both modes, and rejoins the rotation when reactivated", async () => {
    await reset(t);
    await t.db.user.update({ where: { id: "fd-2" }, data: { deactivatedAt: new Date() } });
    try {
      await setMode(t, "round_robin");
      const picks = [];
      for (let i = 0; i < 4; i++) picks.push((await submit(t)).assigneeId);
      expect(picks).toEqual(["fd-1", "fd-3", "fd-1", "fd-3"]);
      // least open: fd-2 has no open inquiry at all, yet is never picked.
      await setMode(t, "least_open");
      for (let i = 0; i < 3; i++) expect((await submit(t, i === 1 ? { writePath: "prisma" } : {})).assigneeId).not.toBe("fd-2");
    } finally {
      await t.db.user.update({ where: { id: "fd-2" }, data: { deactivatedAt: null } });
    }
    await reset(t);
    await setMode(t, "round_robin");
    expect([(await submit(t)).assigneeId, (await submit(t)).assigneeId]).toEqual(["fd-1", "fd-2"]);
  });

  it("nobody to assign (no active front-desk user): the inquiry is stored unassigned", async () => {
    await reset(t);
    await setMode(t, "round_robin");
    await t.db.user.updateMany({ where: { id: { in: [...FRONT] } }, data: { role: "admin" } });
    try {
      const lead = await submit(t);
      expect(lead.assigneeId).toBeNull();
      expect(await t.db.leadEvent.count({ where: { leadId: lead.id, type: "assigned" } })).toBe(0);
    } finally {
      await t.db.user.updateMany({ where: { id: { in: [...FRONT] } }, data: { role: "front_desk" } });
    }
  });

  for (const mode of ["round_robin", "least_open"] as const) {
    it(`${mode}: 30 concurrent submissions from two app instances are shared 10 / 10 / 10`, async () => {
      await reset(t);
      await setMode(t, mode);
      const second = createDb(t.url, { poolMax: 4 });
      try {
        // The second instance reads the settings itself (its own cache).
        const results = await Promise.all(Array.from({ length: 30 }, (_v, i) => submit(t, {}, i % 2 === 0 ? t.db : second)));
        expect(tally(results.map((r) => r.assigneeId))).toEqual({ "fd-1": 10, "fd-2": 10, "fd-3": 10 });
        expect(await t.db.leadEvent.count({ where: { leadId: { in: results.map((r) => r.id) }, type: "assigned" } })).toBe(30);
      } finally {
        await second.$disconnect();
      }
    });
  }

  afterAll(async () => {
    await setMode(t, "off");
  });
});
