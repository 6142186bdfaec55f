-- Merges that can be undone (issue 22 item 7, docs/decisions/027-merge-undo.md): one row per merge,
-- what moved (ids only) and, until "undoUntil", what undo puts back. At most one merge of an inquiry
-- that is not undone (partial unique index: the database refuses a second), and an undo is written
-- once: "undoneAt" is set by a conditional UPDATE ... WHERE "undoneAt" IS NULL.
-- Twin: prisma/migrations/sqlite/20261208020500_lead_merge_undo.
CREATE TABLE "LeadMergeRecord" (
    "id" TEXT NOT NULL,
    "mergedLeadId" TEXT NOT NULL,
    "survivorLeadId" TEXT NOT NULL,
    "mergedById" TEXT NOT NULL,
    "mergedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoUntil" TIMESTAMP(3) NOT NULL,
    "moved" JSONB NOT NULL,
    "restore" JSONB,
    "undoneAt" TIMESTAMP(3),
    "undoneById" TEXT,
    CONSTRAINT "LeadMergeRecord_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "LeadMergeRecord_undone_by_check" CHECK ("undoneAt" IS NULL OR "undoneById" IS NOT NULL)
);

CREATE INDEX "LeadMergeRecord_survivorLeadId_idx" ON "LeadMergeRecord"("survivorLeadId");
CREATE INDEX "LeadMergeRecord_mergedLeadId_idx" ON "LeadMergeRecord"("mergedLeadId");
CREATE UNIQUE INDEX "LeadMergeRecord_active_key" ON "LeadMergeRecord"("mergedLeadId") WHERE "undoneAt" IS NULL;
