/**
 * The inbox filter "photos to review" (issue 21, decision 023): inquiries with scalp photos and no
 * confirmed assessment yet, on both databases, in the page, its count, with other filters and in
 * the export of the same filters; anything else for `photos` is refused by the one filter schema.
 */
import { closeDb } from "@/lib/db/client";
import { exportBatches, EXPORT_COLUMNS } from "@/lib/leads/lead-export";
import { leadListQuerySchema } from "@/lib/leads/lead-filters";
import { replyClock } from "@/lib/leads/reply-clock";
import { countLeads, listLeads, listLeadsCounted, type ListContext } from "@/lib/leads/staff-inbox";
import { confirmAssessment } from "@/lib/photos/assessment";
import { createSignedInStaff } from "@/tests/support/staff-auth";
import { storeLead } from "@/tests/support/staff-leads";
import { forEachProvider } from "@/tests/support/test-db";

forEachProvider("inbox filter: photos to review", (t) => {
  const tag = `pht${Math.random().toString(36).slice(2, 8)}`;
  let context: ListContext;
  const lead: Record<"toReview" | "toReviewContacted" | "assessed" | "noPhotos", string> = { toReview: "", toReviewContacted: "", assessed: "", noPhotos: "" };

  beforeAll(async () => {
    process.env.DATABASE_URL = t.url;
    const admin = await createSignedInStaff(t.db, "admin");
    const at = (minute: number) => new Date(Date.UTC(2026, 8, 14, 17, minute));
    lead.toReview = await storeLead(t.db, { now: at(0), contact: { lastName: `${tag}a` } });
    lead.toReviewContacted = await storeLead(t.db, { now: at(1), contact: { lastName: `${tag}b` } });
    lead.assessed = await storeLead(t.db, { now: at(2), contact: { lastName: `${tag}c` }, answers: { lossPattern: "norwood", norwoodStage: "unknown" } });
    lead.noPhotos = await storeLead(t.db, { now: at(3), contact: { lastName: `${tag}d` } });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    for (const leadId of [lead.toReview, lead.toReviewContacted, lead.assessed]) {
      for (const slot of [1, 2]) await t.db.leadPhoto.create({ data: { leadId, slot, view: "top", width: 1, height: 1, bytes: 4, image: jpeg, thumb: jpeg } });
    }
    await t.db.lead.update({ where: { id: lead.toReviewContacted }, data: { status: "contacted" } });
    await confirmAssessment(t.db, admin.id, lead.assessed, { norwoodStage: "4", scars: [] });
    context = { clock: await replyClock(t.db), viewerId: admin.id };
  });
  afterAll(async () => {
    await closeDb();
  });

  it("lists the inquiries with photos and no assessment, newest first, and counts them", async () => {
    const query = { q: tag, photos: "to_review" as const };
    const listed = await listLeads(t.db, { ...query, limit: 25 }, context);
    expect(listed.items.map((i) => i.id)).toEqual([lead.toReviewContacted, lead.toReview]);
    expect(listed.items.every((i) => i.photoCount === 2 && i.assessedAt === null)).toBe(true);
    const counted = await listLeadsCounted(t.db, { ...query, limit: 1 }, context);
    expect(counted.items.map((i) => i.id)).toEqual([lead.toReviewContacted]);
    expect(counted.matching).toBe(2);
    expect(await countLeads(t.db, query, context)).toBe(2);
    // Without the filter the same search finds all four.
    expect(await countLeads(t.db, { q: tag }, context)).toBe(4);
  });

  it("combines with the other filters and with no search at all", async () => {
    expect((await listLeads(t.db, { q: tag, photos: "to_review", status: "new", limit: 25 }, context)).items.map((i) => i.id)).toEqual([lead.toReview]);
    const all = await listLeads(t.db, { photos: "to_review", from: "2026-09-14", to: "2026-09-14", limit: 25 }, context);
    expect(all.items.map((i) => i.id)).toEqual([lead.toReviewContacted, lead.toReview]);
    expect(await countLeads(t.db, { photos: "to_review", from: "2026-09-14", to: "2026-09-14" }, context)).toBe(2);
  });

  it("the export of the same filters holds the same rows", async () => {
    const next = exportBatches(t.db, { q: tag, photos: "to_review" }, "America/Los_Angeles");
    const ids: unknown[] = [];
    for (let batch = await next(); batch; batch = await next()) ids.push(...batch.map((r) => r[EXPORT_COLUMNS.indexOf("id")]));
    expect(ids).toEqual([lead.toReview, lead.toReviewContacted]);
  });

  it("accepts photos=to_review (blank means any) and refuses anything else", () => {
    expect(leadListQuerySchema.parse({ photos: "to_review" }).photos).toBe("to_review");
    expect(leadListQuerySchema.parse({ photos: "" }).photos).toBeUndefined();
    const refused = leadListQuerySchema.safeParse({ photos: "all" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Use photos=to_review.");
  });
});
