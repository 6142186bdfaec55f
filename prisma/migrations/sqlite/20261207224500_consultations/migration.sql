-- Consultation booking (issue 20, docs/decisions/022-booking.md): the clinic's consultation settings
-- (one row, there from the start: in person 30 minutes on), consultants with weekly hours and time
-- off, consultations, and the patient's preferred call-back times.
CREATE TABLE "ConsultationSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'clinic',
    "inPersonEnabled" BOOLEAN NOT NULL DEFAULT true,
    "inPersonMinutes" INTEGER NOT NULL DEFAULT 30,
    "inPersonBufferBefore" INTEGER NOT NULL DEFAULT 0,
    "inPersonBufferAfter" INTEGER NOT NULL DEFAULT 0,
    "videoEnabled" BOOLEAN NOT NULL DEFAULT false,
    "videoMinutes" INTEGER NOT NULL DEFAULT 30,
    "videoBufferBefore" INTEGER NOT NULL DEFAULT 0,
    "videoBufferAfter" INTEGER NOT NULL DEFAULT 0,
    "phoneEnabled" BOOLEAN NOT NULL DEFAULT false,
    "phoneMinutes" INTEGER NOT NULL DEFAULT 15,
    "phoneBufferBefore" INTEGER NOT NULL DEFAULT 0,
    "phoneBufferAfter" INTEGER NOT NULL DEFAULT 0,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "bookingWindowDays" INTEGER NOT NULL DEFAULT 60,
    "slotStepMinutes" INTEGER NOT NULL DEFAULT 30,
    "selfServiceCutoffMinutes" INTEGER NOT NULL DEFAULT 1440,
    "reminderLeadMinutes" INTEGER NOT NULL DEFAULT 1440,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "ConsultationSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConsultationSettings_single_row_check" CHECK ("id" = 'clinic')
);
CREATE INDEX "ConsultationSettings_updatedById_idx" ON "ConsultationSettings"("updatedById");
-- The row exists from the start, so booking works before an admin saves anything.
INSERT INTO "ConsultationSettings" ("id", "updatedAt") VALUES ('clinic', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

CREATE TABLE "Consultant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "weeklyHours" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consultant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Consultant_userId_key" ON "Consultant"("userId");

CREATE TABLE "ConsultantTimeOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultantId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsultantTimeOff_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Consultant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsultantTimeOff_range_check" CHECK ("endsAt" > "startsAt")
);
CREATE INDEX "ConsultantTimeOff_consultantId_startsAt_idx" ON "ConsultantTimeOff"("consultantId", "startsAt");

CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "consultantId" TEXT,
    "calendarKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "blockedStart" DATETIME NOT NULL,
    "blockedEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "version" INTEGER NOT NULL DEFAULT 1,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "bookedBy" TEXT NOT NULL,
    "bookedById" TEXT,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consultation_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Consultation_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Consultant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Consultation_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Consultation_status_check" CHECK ("status" IN ('booked', 'cancelled', 'attended', 'no_show')),
    CONSTRAINT "Consultation_range_check" CHECK ("endsAt" > "startsAt" AND "blockedStart" <= "startsAt" AND "blockedEnd" >= "endsAt"),
    CONSTRAINT "Consultation_calendar_check" CHECK ("calendarKey" = COALESCE("consultantId", 'clinic'))
);
CREATE INDEX "Consultation_blockedStart_blockedEnd_calendarKey_status_idx" ON "Consultation"("blockedStart", "blockedEnd", "calendarKey", "status");
CREATE INDEX "Consultation_leadId_idx" ON "Consultation"("leadId");
CREATE INDEX "Consultation_consultantId_idx" ON "Consultation"("consultantId");
CREATE INDEX "Consultation_bookedById_idx" ON "Consultation"("bookedById");
-- One booked consultation per inquiry (partial: SQL only, decision 004).
CREATE UNIQUE INDEX "Consultation_one_booked_per_lead" ON "Consultation"("leadId") WHERE "status" = 'booked';

-- Never two overlapping consultations on one calendar (decision 022). SQLite has no exclusion
-- constraint; these triggers refuse a row whose blocked range [blockedStart, blockedEnd) overlaps
-- another row of the same calendar that is not cancelled. SQLite runs one writer at a time (a
-- write transaction holds the database's RESERVED lock from its first write to its commit), so the
-- check and the write of one transaction cannot interleave with another's: race-free. Instants are
-- stored as ISO-8601 UTC text of one fixed width by the Prisma adapter, so text order is time order.
CREATE TRIGGER "Consultation_no_overlap_insert"
BEFORE INSERT ON "Consultation"
WHEN NEW."status" <> 'cancelled'
BEGIN
    SELECT RAISE(ABORT, 'SLOT_TAKEN: Consultation_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "Consultation" c
        WHERE c."calendarKey" = NEW."calendarKey"
          AND c."status" <> 'cancelled'
          AND c."blockedStart" < NEW."blockedEnd"
          AND c."blockedEnd" > NEW."blockedStart"
    );
END;

CREATE TRIGGER "Consultation_no_overlap_update"
BEFORE UPDATE OF "calendarKey", "blockedStart", "blockedEnd", "status" ON "Consultation"
WHEN NEW."status" <> 'cancelled'
BEGIN
    SELECT RAISE(ABORT, 'SLOT_TAKEN: Consultation_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM "Consultation" c
        WHERE c."calendarKey" = NEW."calendarKey"
          AND c."id" <> NEW."id"
          AND c."status" <> 'cancelled'
          AND c."blockedStart" < NEW."blockedEnd"
          AND c."blockedEnd" > NEW."blockedStart"
    );
END;

CREATE TABLE "CallbackPreference" (
    "leadId" TEXT NOT NULL PRIMARY KEY,
    "preferredTimes" TEXT NOT NULL,
    "days" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CallbackPreference_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
