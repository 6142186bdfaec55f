-- The inbox's result count for a flag on PostgreSQL (lib/leads/staff-inbox.ts countLeads): a common
-- flag matches thousands of inquiries, too many for the trigram index (a heap visit per match), so
-- the planner read every entry of the 15 MB Lead_report_idx to test "flagCodes" LIKE '%,CODE,%'.
-- A B-tree on the flag list alone, of the listed inquiries, is tiny (a clinic's inquiries share few
-- distinct flag lists, and B-tree deduplication stores each once: 0.8 MB at 100,000) and answers
-- the same count index-only in about half the time. Partial: not expressible in prisma/schema.prisma.
CREATE INDEX "Lead_live_flagCodes_idx" ON "Lead"("flagCodes") WHERE "mergedIntoId" IS NULL;
