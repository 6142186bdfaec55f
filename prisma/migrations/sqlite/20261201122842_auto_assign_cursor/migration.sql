-- Automatic assignment of new inquiries (ClinicSettings.autoAssign; lib/leads/auto-assign.ts): the
-- round-robin cursor, exactly ONE row, id 'clinic' (CHECK constraint hand-written). The lead write
-- takes it (a row lock on PostgreSQL) in the transaction that stores the lead, so concurrent
-- submissions are assigned one after the other.

-- CreateTable
CREATE TABLE "AutoAssignCursor" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'clinic',
    "lastUserId" TEXT,
    CONSTRAINT "AutoAssignCursor_single_row_check" CHECK ("id" = 'clinic')
);

INSERT INTO "AutoAssignCursor" ("id", "lastUserId") VALUES ('clinic', NULL);

-- The open inquiries of one staff member (least open inquiries), and ON DELETE SET NULL of a user.
DROP INDEX "Lead_assigneeId_idx";
CREATE INDEX "Lead_assigneeId_status_idx" ON "Lead"("assigneeId", "status");
