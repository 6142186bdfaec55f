-- The staff inbox's result count (lib/leads/staff-inbox.ts countLeads; docs/decisions/009-staff-workspace.md).
-- A page of the inbox walks Lead_inbox_covering_idx newest first and stops after a page of matches;
-- its count cannot stop early: it reads matches up to COUNT_CAP. For an equality filter that reads
-- thousands of covering-index entries (or, through a narrow index, a table lookup per entry to check
-- "mergedIntoId" IS NULL): 13-17 ms of CPU for norwood=3, ludwig=II or assignee=me at 100,000
-- inquiries. These partial indexes hold only the listed (not merged) inquiries, so the count of an
-- equality filter (and of two, where the second column is in the same index) is a range of one
-- narrow index, read from the index alone: under 1 ms. Each new inquiry writes two of them
-- (status and eligibility; the Norwood OR the Ludwig one), merging one removes it from them.
-- Partial indexes are not expressible in prisma/schema.prisma: they live here only
-- (docs/decisions/004-hand-written-migrations.md).
CREATE INDEX "Lead_live_status_idx" ON "Lead"("status", "assigneeId", "eligibility") WHERE "mergedIntoId" IS NULL;
CREATE INDEX "Lead_live_eligibility_idx" ON "Lead"("eligibility", "status") WHERE "mergedIntoId" IS NULL;
CREATE INDEX "Lead_live_norwood_idx" ON "Lead"("norwoodStage", "ludwigStage") WHERE "norwoodStage" IS NOT NULL AND "mergedIntoId" IS NULL;
CREATE INDEX "Lead_live_ludwig_idx" ON "Lead"("ludwigStage") WHERE "ludwigStage" IS NOT NULL AND "mergedIntoId" IS NULL;

-- assignee=me: the tombstone check from the index, not from the table.
DROP INDEX "Lead_assigneeId_status_idx";
CREATE INDEX "Lead_assigneeId_status_idx" ON "Lead"("assigneeId", "status", "mergedIntoId") WHERE "assigneeId" IS NOT NULL;
