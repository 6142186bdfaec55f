-- The funnel stages each inquiry reached (issue 22 item 8, docs/decisions/026-funnel-stages.md):
-- contacted, consultation_booked, attended, became_patient, ONE row per (inquiry, stage) (the primary
-- key refuses a second record; the first time is kept), written from now on by lib/leads/lead-stages.ts
-- in the transaction of the change that caused it. became_patient carries the amount agreed (USD).
-- Twin: prisma/migrations/postgresql/20261208013007_lead_stages.
CREATE TABLE "LeadStage" (
    "leadId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "reachedAt" DATETIME NOT NULL,
    "amountUsd" INTEGER,
    "reconstructed" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("leadId", "stage"),
    CONSTRAINT "LeadStage_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Backfill (what can be reconstructed; docs/decisions/026-funnel-stages.md). Every row written here is
-- marked "reconstructed".
-- 1. From the audit trail, exact: the first status_changed / bulk_changed event INTO contacted,
--    consultation_booked or became_patient, and the first consultation_attended event, per inquiry.
INSERT INTO "LeadStage" ("leadId", "stage", "reachedAt", "reconstructed")
SELECT h."leadId", h."stage", MIN(h."at"), TRUE
FROM (
    SELECT e."leadId" AS "leadId", json_extract(e."data", '$.to') AS "stage", e."createdAt" AS "at"
    FROM "LeadEvent" e WHERE e."type" = 'status_changed' AND e."leadId" IS NOT NULL
    UNION ALL
    SELECT e."leadId", json_extract(e."data", '$.status.to'), e."createdAt"
    FROM "LeadEvent" e WHERE e."type" = 'bulk_changed' AND e."leadId" IS NOT NULL
    UNION ALL
    SELECT e."leadId", 'attended', e."createdAt"
    FROM "LeadEvent" e WHERE e."type" = 'consultation_attended' AND e."leadId" IS NOT NULL
) h
JOIN "Lead" l ON l."id" = h."leadId"
WHERE h."stage" IN ('contacted', 'consultation_booked', 'attended', 'became_patient')
GROUP BY h."leadId", h."stage";

-- 2. Implied by the current status where the trail has no event (inquiries changed before the audit
--    trail recorded status changes, or written without it), at the best time known:
--    - "contacted" now: reached contacted, at the first contact (firstContactedAt), else the last change;
--    - "consultation_booked" or "became_patient" now: reached consultation_booked (the only way into
--      became_patient), at the inquiry's first consultation's booking, else the last change;
--    - "became_patient" now: reached it, at the inquiry's last change (updatedAt);
--    - a consultation marked attended: its inquiry reached attended, at the consultation's last change.
--    Never earlier than the inquiry itself. What cannot be reconstructed: a stage passed through and
--    left without an audit event (e.g. contacted before a booking, or a patient later closed).
INSERT INTO "LeadStage" ("leadId", "stage", "reachedAt", "reconstructed")
SELECT l."id", 'contacted', COALESCE(l."firstContactedAt", l."updatedAt"), TRUE
FROM "Lead" l
WHERE l."status" = 'contacted'
  AND NOT EXISTS (SELECT 1 FROM "LeadStage" s WHERE s."leadId" = l."id" AND s."stage" = 'contacted');

INSERT INTO "LeadStage" ("leadId", "stage", "reachedAt", "reconstructed")
SELECT l."id", 'consultation_booked',
       COALESCE((SELECT MIN(c."createdAt") FROM "Consultation" c WHERE c."leadId" = l."id"), l."updatedAt"), TRUE
FROM "Lead" l
WHERE l."status" IN ('consultation_booked', 'became_patient')
  AND NOT EXISTS (SELECT 1 FROM "LeadStage" s WHERE s."leadId" = l."id" AND s."stage" = 'consultation_booked');

INSERT INTO "LeadStage" ("leadId", "stage", "reachedAt", "reconstructed")
SELECT l."id", 'became_patient', l."updatedAt", TRUE
FROM "Lead" l
WHERE l."status" = 'became_patient'
  AND NOT EXISTS (SELECT 1 FROM "LeadStage" s WHERE s."leadId" = l."id" AND s."stage" = 'became_patient');

INSERT INTO "LeadStage" ("leadId", "stage", "reachedAt", "reconstructed")
SELECT c."leadId", 'attended', MIN(c."updatedAt"), TRUE
FROM "Consultation" c
WHERE c."status" = 'attended'
  AND NOT EXISTS (SELECT 1 FROM "LeadStage" s WHERE s."leadId" = c."leadId" AND s."stage" = 'attended')
GROUP BY c."leadId";

-- Never before the inquiry was received.
UPDATE "LeadStage" SET "reachedAt" = (SELECT l."createdAt" FROM "Lead" l WHERE l."id" = "LeadStage"."leadId")
WHERE "reachedAt" < (SELECT l."createdAt" FROM "Lead" l WHERE l."id" = "LeadStage"."leadId");
