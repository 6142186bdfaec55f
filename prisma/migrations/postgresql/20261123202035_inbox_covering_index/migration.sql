-- CreateIndex
-- The staff inbox (lib/leads/staff-inbox.ts): every list filter next to the keyset order, so the id
-- query of a page is answered from this index alone, read backwards for "newest first". Ascending on
-- purpose: new inquiries append at the right end of the b-tree and keep its pages full.
CREATE INDEX "Lead_inbox_covering_idx" ON "Lead"("createdAt", "id", "status", "eligibility", "norwoodStage", "ludwigStage", "flagCodes", "searchText");
