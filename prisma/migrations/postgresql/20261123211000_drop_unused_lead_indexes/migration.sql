-- No query plans with these indexes any more (EXPLAIN QUERY PLAN / EXPLAIN, custom and generic plans,
-- 100,000 inquiries; docs/decisions/009-staff-workspace.md): the inbox filters on eligibility and the
-- Norwood / Ludwig stages are answered from Lead_inbox_covering_idx, and the "who to call first"
-- totals (status = 'new' GROUP BY eligibility) from Lead_status_createdAt_idx. Each one was written
-- on every lead insert for nothing.

-- DropIndex
DROP INDEX "Lead_eligibility_createdAt_idx";

-- DropIndex
DROP INDEX "Lead_norwoodStage_idx";

-- DropIndex
DROP INDEX "Lead_ludwigStage_idx";
