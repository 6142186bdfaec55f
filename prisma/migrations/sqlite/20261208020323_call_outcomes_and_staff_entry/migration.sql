-- Issue 22 items 5 and 6 (sqlite). Twin: prisma/migrations/postgresql/20261208020323_call_outcomes_and_staff_entry.
-- Calls logged in one tap (LeadCall; attempt unique per inquiry, so two taps at once cannot both count),
-- the attempt count and latest outcome kept on the inquiry for the inbox row, the clinic's call cadence,
-- how consent was given (online | verbal, for inquiries staff enter), and contact corrections with the
-- values before and after (LeadContactChange). Both new tables are erased with the inquiry (lib/erasure).
ALTER TABLE "Lead" ADD COLUMN "consentMethod" TEXT NOT NULL DEFAULT 'online';
ALTER TABLE "Lead" ADD COLUMN "callAttempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Lead" ADD COLUMN "lastCallAt" DATETIME;
ALTER TABLE "Lead" ADD COLUMN "lastCallOutcome" TEXT;

ALTER TABLE "ClinicSettings" ADD COLUMN "callCadence" TEXT NOT NULL DEFAULT '3h,1d,2d';

CREATE TABLE "LeadCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "actorId" TEXT,
    "outcome" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "nextTryAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadCall_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeadCall_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "LeadCall_leadId_attempt_key" ON "LeadCall"("leadId", "attempt");
CREATE INDEX "LeadCall_actorId_idx" ON "LeadCall"("actorId");

CREATE TABLE "LeadContactChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "actorId" TEXT,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadContactChange_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeadContactChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "LeadContactChange_leadId_createdAt_idx" ON "LeadContactChange"("leadId", "createdAt");
CREATE INDEX "LeadContactChange_actorId_idx" ON "LeadContactChange"("actorId");
