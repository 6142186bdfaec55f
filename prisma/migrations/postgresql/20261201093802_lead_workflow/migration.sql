-- Lead workflow (issue 10): speed to lead, follow-ups, merged duplicates, escalation.
-- AlterTable
ALTER TABLE "Lead" ADD COLUMN "firstContactedAt" TIMESTAMP(3);
ALTER TABLE "Lead" ADD COLUMN "followUpAt" TIMESTAMP(3);
ALTER TABLE "Lead" ADD COLUMN "followUpNote" TEXT;
ALTER TABLE "Lead" ADD COLUMN "mergedIntoId" TEXT;
ALTER TABLE "Lead" ADD COLUMN "escalatedAt" TIMESTAMP(3);

-- The inbox id query also filters on the assignee and leaves merged inquiries (tombstones) out:
-- both columns join the covering index so a page still comes from the index alone.
DROP INDEX "Lead_inbox_covering_idx";
CREATE INDEX "Lead_inbox_covering_idx" ON "Lead"("createdAt", "id", "status", "eligibility", "norwoodStage", "ludwigStage", "flagCodes", "searchText", "assigneeId", "mergedIntoId");

-- CreateIndex
-- "Who to call first" (new inquiries by eligibility, oldest first) and the escalation scan of the
-- outbox worker (new, eligible, not escalated yet, oldest first).
CREATE INDEX "Lead_status_eligibility_createdAt_id_escalatedAt_idx" ON "Lead"("status", "eligibility", "createdAt", "id", "escalatedAt");

-- CreateIndex
-- The "due today / overdue" follow-up view.
CREATE INDEX "Lead_followUpAt_id_idx" ON "Lead"("followUpAt", "id");

-- CreateIndex
-- Tombstones of merged inquiries (few): left out of the status counts.
CREATE INDEX "Lead_mergedIntoId_idx" ON "Lead"("mergedIntoId");
