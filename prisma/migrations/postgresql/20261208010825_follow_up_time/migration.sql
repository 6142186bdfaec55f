-- Follow-ups get a time (issue 22 item 4, docs/decisions/025-follow-ups-with-a-time.md). Until now the
-- inquiry page stored a follow-up as the START of a clinic date (its 00:00 in the clinic's zone).
-- Every follow-up stored so far is marked "date only"; `npm run db:migrate` then moves each marked one
-- that is at the clinic's 00:00 to that date's opening time (09:00 when the clinic is closed that day),
-- and clears the mark (lib/leads/follow-up-upgrade.ts: the clinic's time zone and hours are needed,
-- which SQLite's SQL cannot read). Twin: prisma/migrations/sqlite/20261208010825_follow_up_time.
ALTER TABLE "Lead" ADD COLUMN "followUpDateOnly" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Lead" SET "followUpDateOnly" = true WHERE "followUpAt" IS NOT NULL;
