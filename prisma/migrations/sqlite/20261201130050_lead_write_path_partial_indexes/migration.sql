-- The lead write path (docs/decisions/008-lead-write-path.md): every index is one more B-tree page
-- written (and, on SQLite, one more WAL frame) per inquiry. Indexes on columns a new inquiry leaves
-- NULL become partial (WHERE ... IS NOT NULL): the insert no longer touches them, and every query
-- that uses them (equality, ranges, IS NOT NULL, the ON DELETE SET NULL lookups) implies the
-- condition. Lead_createdAt_id_idx goes: Lead_inbox_covering_idx leads with (createdAt, id) and
-- serves the same orders and ranges. Partial indexes are not expressible in prisma/schema.prisma:
-- they live here only (docs/decisions/004-hand-written-migrations.md).
DROP INDEX "Lead_createdAt_id_idx";

DROP INDEX "Lead_followUpAt_id_idx";
CREATE INDEX "Lead_followUpAt_id_idx" ON "Lead"("followUpAt", "id") WHERE "followUpAt" IS NOT NULL;

DROP INDEX "Lead_mergedIntoId_idx";
CREATE INDEX "Lead_mergedIntoId_idx" ON "Lead"("mergedIntoId") WHERE "mergedIntoId" IS NOT NULL;

DROP INDEX "Lead_relatedLeadId_idx";
CREATE INDEX "Lead_relatedLeadId_idx" ON "Lead"("relatedLeadId") WHERE "relatedLeadId" IS NOT NULL;

DROP INDEX "Lead_assigneeId_status_idx";
CREATE INDEX "Lead_assigneeId_status_idx" ON "Lead"("assigneeId", "status") WHERE "assigneeId" IS NOT NULL;

-- The "created" event of every inquiry has no actor.
DROP INDEX "LeadEvent_actorId_idx";
CREATE INDEX "LeadEvent_actorId_idx" ON "LeadEvent"("actorId") WHERE "actorId" IS NOT NULL;
