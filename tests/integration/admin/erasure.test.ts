import { readFileSync } from "node:fs";

import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/leads/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/leads/export.csv/route";
import { POST as mergeRoute } from "@/app/api/v1/leads/[id]/merge/route";
import { GET as listRoute } from "@/app/api/v1/leads/route";
import { driverHandle } from "@/lib/db/client";
import { eraseExpiredLeads, retentionCutoff, retentionPreview } from "@/lib/leads/erase-lead";
import { runRetention } from "@/lib/leads/retention-worker";
import { getClinicSettings, updateClinicSettings } from "@/lib/clinic/store";
import { ctx, staffRequest, storeLead } from "@/tests/support/staff-leads";
import { staffFixture } from "@/tests/support/staff-fixture";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("erasure and retention", (t) => {
  const fixture = staffFixture(t, { lead: false });


  const erase = (id: string, headers: Headers, query = "") =>
    deleteRoute(staffRequest(`/api/v1/leads/${id}${query}`, headers, { method: "DELETE" }), ctx(id));

  /** A lead with a staff note, a status change, a view and an outbox message holding its contact details. */
  async function richLead(email: string, phone: string, firstName: string): Promise<string> {
    const id = await storeLead(t.db, { contact: { email, phone, firstName, lastName: "Erasable", notes: "call after 5" } });
    await patchRoute(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ note: `spoke to ${firstName}` }) }), ctx(id));
    await patchRoute(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers, { method: "PATCH", body: JSON.stringify({ status: "contacted" }) }), ctx(id));
    await getRoute(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers), ctx(id));
    await t.db.outboxMessage.create({
      data: { kind: "lead_created", leadId: id, channel: "email", payload: { email, firstName }, nextAttemptAt: new Date() },
    });
    return id;
  }

  it("refuses front desk (403) and anonymous (401); erases nothing", async () => {
    const id = await storeLead(t.db);
    expect((await erase(id, fixture.front.headers)).status).toBe(403);
    expect((await erase(id, new Headers())).status).toBe(401);
    expect(await t.db.lead.count({ where: { id } })).toBe(1);
    expect((await erase(id, fixture.admin.headers, "?person=yes")).status).toBe(400);
    expect(await t.db.lead.count({ where: { id } })).toBe(1);
  });

  it("erases the lead, its notes, events, outbox payloads and search text; one audit stub without personal data remains", async () => {
    const email = "zoe.erasure@example.com";
    const id = await richLead(email, "(949) 555-7001", "Zoë");
    const other = await storeLead(t.db, { contact: { firstName: "Keep", lastName: "Me" } });
    expect(await t.db.leadNote.count({ where: { leadId: id } })).toBe(1);
    expect(await t.db.leadEvent.count({ where: { leadId: id } })).toBeGreaterThanOrEqual(3);

    const res = await erase(id, fixture.admin.headers);
    expect(res.status).toBe(204);
    expect(res.headers.get("cache-control")).toBe("no-store");

    expect(await t.db.lead.count({ where: { id } })).toBe(0);
    expect(await t.db.lead.count({ where: { searchText: { contains: "erasable" } } })).toBe(0);
    expect(await t.db.leadNote.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.outboxMessage.count({ where: { leadId: id } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { leadId: id } })).toBe(0);
    const stubs = await t.db.leadEvent.findMany({ where: { type: "erased" } });
    expect(stubs).toHaveLength(1);
    expect(stubs[0]).toMatchObject({ actorId: fixture.admin.id, leadId: null, data: { leadId: id, reason: "request" } });
    // Nothing in any remaining event mentions the person.
    const everything = JSON.stringify(await t.db.leadEvent.findMany());
    expect(everything).not.toContain("Zoë");
    expect(everything).not.toContain("spoke to");

    expect((await getRoute(staffRequest(`/api/v1/leads/${id}`, fixture.admin.headers), ctx(id))).status).toBe(404);
    expect((await erase(id, fixture.admin.headers)).status).toBe(404);
    const list = (await (await listRoute(staffRequest("/api/v1/leads?limit=100", fixture.admin.headers))).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(id);
    expect(list.items.map((i) => i.id)).toContain(other);
    const csv = await (await exportRoute(staffRequest("/api/v1/leads/export.csv", fixture.admin.headers))).text();
    expect(csv).not.toContain("Zoë");
    expect(csv).toContain("Keep");

    if (t.provider === "sqlite") {
      // The inbox search index (migration 20261201161000) let the inquiry go with its row.
      const indexed = await t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearch" WHERE "LeadSearch" MATCH ${`"${email}"`}`;
      expect(Number(indexed[0]?.n)).toBe(0);
      const keys = await t.db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS "n" FROM "LeadSearchRow" WHERE "leadId" = ${id}`;
      expect(Number(keys[0]?.n)).toBe(0);
      // secure_delete + checkpoint: the erased name is nowhere in the database file or its WAL.
      const handle = driverHandle(t.db);
      expect(handle?.provider).toBe("sqlite");
      const file = t.url.replace(/^file:/, "");
      for (const path of [file, `${file}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from(email))).toBe(false);
        expect(bytes.includes(Buffer.from("spoke to Zoë"))).toBe(false);
      }
    }
  });

  it("?person=1 erases every inquiry with the same email or phone (transitively), and only those", async () => {
    const a = await richLead("same.person@example.com", "(949) 555-7101", "Ana");
    const b = await storeLead(t.db, { contact: { email: "SAME.person@example.com", phone: "(949) 555-7199", firstName: "Ana" } });
    const c = await storeLead(t.db, { contact: { email: "other.address@example.com", phone: "(949) 555-7101", firstName: "Ana" } });
    const stranger = await storeLead(t.db, { contact: { email: "stranger@example.com", phone: "(949) 555-7555", firstName: "Sam" } });
    const before = await t.db.leadEvent.count({ where: { type: "erased" } });

    expect((await erase(b, fixture.admin.headers, "?person=1")).status).toBe(204);
    expect(await t.db.lead.count({ where: { id: { in: [a, b, c] } } })).toBe(0);
    expect(await t.db.lead.count({ where: { id: stranger } })).toBe(1);
    const stubs = await t.db.leadEvent.findMany({ where: { type: "erased" }, orderBy: { createdAt: "asc" } });
    expect(stubs).toHaveLength(before + 3);
    expect(stubs.slice(-3).map((s) => (s.data as { leadId: string }).leadId).sort()).toEqual([a, b, c].sort());
  });

  /** Merges `id` into `intoId` through the API (as the lead page does). */
  async function merge(id: string, intoId: string): Promise<void> {
    const { version } = await t.db.lead.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const res = await mergeRoute(
      staffRequest(`/api/v1/leads/${id}/merge`, fixture.admin.headers, { method: "POST", body: JSON.stringify({ intoId, version }) }),
      ctx(id),
    );
    expect(res.status).toBe(200);
  }

  it("erasing an inquiry erases the duplicates merged into it (tombstones keep answers), transitively", async () => {
    const first = await richLead("tomb.first@example.com", "(949) 555-7301", "Tomasz");
    const second = await storeLead(t.db, { contact: { email: "tomb.second@example.com", phone: "(949) 555-7302", firstName: "Tomasz" }, source: { utmSource: "tomb-campaign" } });
    const survivor = await storeLead(t.db, { contact: { email: "tomb.third@example.com", phone: "(949) 555-7303", firstName: "Tomasz" } });
    const bystander = await storeLead(t.db, { contact: { email: "tomb.bystander@example.com", phone: "(949) 555-7304", firstName: "Bea" } });
    await merge(first, second); // first -> second
    await merge(second, survivor); // second (now holding first) -> survivor
    // The tombstones still hold the answers and the source: personal data until the survivor goes.
    expect(await t.db.lead.count({ where: { id: { in: [first, second] }, mergedIntoId: { not: null } } })).toBe(2);
    expect(await t.db.lead.count({ where: { utmSource: "tomb-campaign" } })).toBe(1);

    expect((await erase(survivor, fixture.admin.headers)).status).toBe(204);
    expect(await t.db.lead.count({ where: { id: { in: [first, second, survivor] } } })).toBe(0);
    expect(await t.db.lead.count({ where: { utmSource: "tomb-campaign" } })).toBe(0);
    expect(await t.db.leadNote.count({ where: { body: { contains: "spoke to Tomasz" } } })).toBe(0);
    expect(await t.db.leadEvent.count({ where: { leadId: { in: [first, second, survivor] } } })).toBe(0);
    expect(await t.db.lead.count({ where: { id: bystander } })).toBe(1);
    const stubs = await t.db.leadEvent.findMany({ where: { type: "erased" } });
    const stubIds = stubs.map((s) => (s.data as { leadId: string }).leadId);
    for (const id of [first, second, survivor]) expect(stubIds).toContain(id);
    const everything = JSON.stringify(await t.db.leadEvent.findMany());
    expect(everything).not.toContain("Tomasz");
    expect(everything).not.toContain("tomb-campaign");
  });

  it("erasing a tombstone with ?person=1 erases only it (an emptied email or phone matches nobody)", async () => {
    const dup = await storeLead(t.db, { contact: { email: "empty.match@example.com", phone: "(949) 555-7401", firstName: "Dup" } });
    const kept = await storeLead(t.db, { contact: { email: "empty.kept@example.com", phone: "(949) 555-7402", firstName: "Kept" } });
    const otherDup = await storeLead(t.db, { contact: { email: "empty.other@example.com", phone: "(949) 555-7403", firstName: "Other" } });
    const otherKept = await storeLead(t.db, { contact: { email: "empty.otherkept@example.com", phone: "(949) 555-7404", firstName: "OtherKept" } });
    await merge(dup, kept);
    await merge(otherDup, otherKept);
    expect((await erase(dup, fixture.admin.headers, "?person=1")).status).toBe(204);
    expect(await t.db.lead.count({ where: { id: dup } })).toBe(0);
    expect(await t.db.lead.count({ where: { id: { in: [kept, otherDup, otherKept] } } })).toBe(3);
  });

  it("retention: previews and erases inquiries older than N months that never became patients", async () => {
    const now = new Date("2027-06-15T12:00:00Z");
    const old = await storeLead(t.db, { now: new Date("2026-01-10T12:00:00Z") });
    const oldPatient = await storeLead(t.db, { now: new Date("2026-01-11T12:00:00Z") });
    await t.db.lead.update({ where: { id: oldPatient }, data: { status: "became_patient" } });
    const recent = await storeLead(t.db, { now: new Date("2027-05-01T12:00:00Z") });
    // A recent duplicate merged into the old inquiry goes with it; an old duplicate of a patient stays with the patient.
    const recentDup = await storeLead(t.db, { now: new Date("2027-05-02T12:00:00Z"), contact: { firstName: "RecentDup" } });
    await merge(recentDup, old);
    const oldDupOfPatient = await storeLead(t.db, { now: new Date("2026-01-12T12:00:00Z"), contact: { firstName: "OldDup" } });
    await merge(oldDupOfPatient, oldPatient);
    expect(retentionCutoff(12, now).toISOString()).toBe("2026-06-15T12:00:00.000Z");
    expect(retentionCutoff(1, new Date("2027-03-31T00:00:00Z")).toISOString()).toBe("2027-02-28T00:00:00.000Z");

    // Off by default: the job erases nothing.
    expect((await getClinicSettings(t.db, 0)).retentionMonths).toBeNull();
    expect(await runRetention(t.db, now)).toBe(0);
    expect(await t.db.lead.count({ where: { id: old } })).toBe(1);

    const preview = await retentionPreview(t.db, 12, now);
    expect(preview).toBeGreaterThanOrEqual(1);
    const settings = await getClinicSettings(t.db, 0);
    await updateClinicSettings(t.db, { retentionMonths: 12 }, fixture.admin.id, settings.version);
    expect(await runRetention(t.db, now)).toBe(preview);
    expect(await t.db.lead.count({ where: { id: { in: [old, recentDup] } } })).toBe(0);
    expect(await t.db.lead.count({ where: { id: { in: [oldPatient, recent, oldDupOfPatient] } } })).toBe(3);
    expect(await retentionPreview(t.db, 12, now)).toBe(0);
    const stub = await t.db.leadEvent.findFirst({ where: { type: "erased", actorId: null } });
    expect(stub?.data).toEqual({ leadId: expect.any(String), reason: "retention" });
    expect(await eraseExpiredLeads(t.db, 12, now)).toBe(0);
    await updateClinicSettings(t.db, { retentionMonths: null }, fixture.admin.id, (await getClinicSettings(t.db, 0)).version);
  });
});
