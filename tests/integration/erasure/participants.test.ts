import { Prisma } from "@/lib/db/client";
import { ERASURE_PARTICIPANTS } from "@/lib/erasure/participants";
import { eraseExpiredLeads, eraseLead } from "@/lib/leads/erase-lead";
import { personColumns, uncoveredColumns } from "@/tests/support/erasure-coverage";
import { introspect } from "@/tests/support/schema-drift";
import { staffFixture } from "@/tests/support/staff-fixture";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("erasure participants (lib/erasure/participants.ts)", (t) => {
  const fixture = staffFixture(t, { lead: false });

  const coveredHere = () =>
    ERASURE_PARTICIPANTS.flatMap((p) => p.covers.filter((c) => !c.providers || c.providers.includes(t.provider)));

  /** Rows of `table` whose `column` names one of `ids`. */
  async function rowsNaming(table: string, column: string, ids: readonly string[]): Promise<number> {
    const rows = await t.db.$queryRaw<{ n: bigint | number }[]>(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM ${Prisma.raw(`"${table}"`)} WHERE ${Prisma.raw(`"${column}"`)} IN (${Prisma.join([...ids])})`,
    );
    return Number(rows[0]?.n);
  }

  /**
   * An inquiry with a row in every store we know of: a note, an event, an outbox message, a later
   * inquiry that names it as earlier (relatedLeadId), a duplicate merged into it (mergedIntoId) and,
   * on SQLite, its search index key. Returns [the inquiry, its merged duplicate, the later inquiry].
   */
  async function personEverywhere(tag: string, now?: Date): Promise<[string, string, string]> {
    const at = now ? { now } : {};
    const lead = await storeLead(t.db, { contact: { firstName: `Every${tag}`, email: `every.${tag}@example.com` }, ...at });
    const duplicate = await storeLead(t.db, { contact: { firstName: `Dup${tag}`, email: `dup.${tag}@example.com` }, ...at });
    const later = await storeLead(t.db, { contact: { firstName: `Later${tag}`, email: `later.${tag}@example.com` } });
    await t.db.lead.update({ where: { id: duplicate }, data: { mergedIntoId: lead, email: "", phone: "" } });
    await t.db.lead.update({ where: { id: later }, data: { relatedLeadId: lead } });
    await t.db.leadNote.create({ data: { leadId: lead, authorId: fixture.admin.id, body: `spoke to Every${tag}` } });
    await t.db.leadEvent.create({ data: { leadId: lead, actorId: fixture.admin.id, type: "viewed" } });
    await t.db.outboxMessage.create({
      data: { kind: "lead_created", leadId: lead, channel: "email", payload: { email: `every.${tag}@example.com` }, nextAttemptAt: new Date() },
    });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    await t.db.leadPhoto.create({ data: { leadId: lead, slot: 1, view: "crown", width: 1, height: 1, bytes: 4, image: jpeg, thumb: jpeg } });
    await t.db.leadDocument.create({ data: { leadId: lead, kind: "clearance_letter", contentType: "image/jpeg", bytes: 4, data: jpeg, uploadedById: fixture.admin.id } });
    await t.db.leadAssessment.create({
      data: { leadId: lead, norwoodStage: "5", scars: [], confirmedResult: {}, priceTableVersion: 1, assessedById: fixture.admin.id, assessedAt: new Date() },
    });
    const endpoint = await t.db.webhookEndpoint.create({ data: { url: "https://hooks.example.com/smp", events: ["lead.created"], secret: "whsec_dGVzdA==", createdById: fixture.admin.id } });
    await t.db.webhookDelivery.create({ data: { id: `msg_${tag}_${lead}`, endpointId: endpoint.id, eventType: "lead.created", leadId: lead, payload: { lead: { id: lead } } } });
    return [lead, duplicate, later];
  }

  /** Every covered column that the fixture above fills (a new participant's table may have no row here). */
  const SEEDED = ["Lead.id", "Lead.mergedIntoId", "Lead.relatedLeadId", "LeadEvent.leadId", "LeadNote.leadId", "OutboxMessage.leadId", "LeadPhoto.leadId", "LeadDocument.leadId", "LeadAssessment.leadId", "WebhookDelivery.leadId"];

  async function expectErasedEverywhere(erase: () => Promise<unknown>, ids: readonly string[]): Promise<void> {
    const before = new Map<string, number>();
    for (const c of coveredHere()) before.set(`${c.table}.${c.column}`, await rowsNaming(c.table, c.column, ids));
    for (const seeded of [...SEEDED, ...(t.provider === "sqlite" ? ["LeadSearchRow.leadId"] : [])]) {
      expect(before.get(seeded), `${seeded} holds a row before the erasure`).toBeGreaterThan(0);
    }
    await erase();
    for (const c of coveredHere()) {
      expect(await rowsNaming(c.table, c.column, ids), `${c.table}.${c.column} after the erasure`).toBe(0);
    }
  }

  it("every column of the migrated database that names an inquiry is covered by a participant", async () => {
    const columns = await personColumns(t.provider, t.url);
    const missing = uncoveredColumns(t.provider, columns, ERASURE_PARTICIPANTS);
    expect(missing, `register these in lib/erasure/participants.ts (a person's data that erasure would leave behind):\n${missing.join("\n")}`).toEqual([]);
  });

  it("every participant's table and column exists (no stale entry)", async () => {
    const tables = await introspect(t.provider, t.url);
    const columns = new Set([...tables].flatMap(([table, cols]) => cols.map((c) => `${table}.${c.name}`)));
    const stale = coveredHere()
      .map((c) => `${c.table}.${c.column}`)
      .filter((c) => !columns.has(c));
    expect(stale).toEqual([]);
  });

  it("erasure on request runs every participant: no covered column names the erased inquiries afterwards", async () => {
    const [lead, duplicate, later] = await personEverywhere("request");
    await expectErasedEverywhere(() => eraseLead(t.db, fixture.admin.id, lead), [lead, duplicate]);
    // The later inquiry stays, without its link; one audit stub per erased inquiry remains.
    expect(await t.db.lead.findUnique({ where: { id: later }, select: { relatedLeadId: true } })).toEqual({ relatedLeadId: null });
    const stubs = await t.db.leadEvent.findMany({ where: { type: "erased" } });
    expect(stubs.map((s) => (s.data as { leadId: string }).leadId).sort()).toEqual([lead, duplicate].sort());
  });

  it("retention runs every participant too", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 400 * 24 * 60 * 60 * 1000);
    const [lead, duplicate] = await personEverywhere("retention", old);
    await expectErasedEverywhere(() => eraseExpiredLeads(t.db, 6, now), [lead, duplicate]);
  });

  it("the check catches a table with a leadId column, or a foreign key to Lead, that no participant covers", async () => {
    const withoutNotes = ERASURE_PARTICIPANTS.filter((p) => p.name !== "staff notes");
    expect(uncoveredColumns(t.provider, await personColumns(t.provider, t.url), withoutNotes)).toEqual(["LeadNote.leadId"]);

    await t.db.$executeRawUnsafe(`CREATE TABLE "ProbeLinkToken" ("id" TEXT PRIMARY KEY, "leadId" TEXT NOT NULL)`);
    await t.db.$executeRawUnsafe(`CREATE TABLE "ProbePhoto" ("id" TEXT PRIMARY KEY, "owner" TEXT REFERENCES "Lead"("id") ON DELETE CASCADE)`);
    try {
      expect(uncoveredColumns(t.provider, await personColumns(t.provider, t.url), ERASURE_PARTICIPANTS)).toEqual([
        "ProbeLinkToken.leadId",
        "ProbePhoto.owner",
      ]);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TABLE "ProbeLinkToken"`);
      await t.db.$executeRawUnsafe(`DROP TABLE "ProbePhoto"`);
    }
  });
});
