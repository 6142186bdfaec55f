-- Consultation booking (issue 20, docs/decisions/022-booking.md): the clinic's consultation settings
-- (one row, there from the start: in person 30 minutes on), consultants with weekly hours and time
-- off, consultations, and the patient's preferred call-back times.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE "ConsultationSettings" (
    "id" TEXT NOT NULL DEFAULT 'clinic',
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
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ConsultationSettings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ConsultationSettings_single_row_check" CHECK ("id" = 'clinic')
);
CREATE INDEX "ConsultationSettings_updatedById_idx" ON "ConsultationSettings"("updatedById");
ALTER TABLE "ConsultationSettings" ADD CONSTRAINT "ConsultationSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The row exists from the start, so booking works before an admin saves anything.
INSERT INTO "ConsultationSettings" ("id", "updatedAt") VALUES ('clinic', (now() AT TIME ZONE 'UTC'));

CREATE TABLE "Consultant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "weeklyHours" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultant_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Consultant_userId_key" ON "Consultant"("userId");
ALTER TABLE "Consultant" ADD CONSTRAINT "Consultant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ConsultantTimeOff" (
    "id" TEXT NOT NULL,
    "consultantId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultantTimeOff_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ConsultantTimeOff_range_check" CHECK ("endsAt" > "startsAt")
);
CREATE INDEX "ConsultantTimeOff_consultantId_startsAt_idx" ON "ConsultantTimeOff"("consultantId", "startsAt");
ALTER TABLE "ConsultantTimeOff" ADD CONSTRAINT "ConsultantTimeOff_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Consultant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "consultantId" TEXT,
    "calendarKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "blockedStart" TIMESTAMP(3) NOT NULL,
    "blockedEnd" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "version" INTEGER NOT NULL DEFAULT 1,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "bookedBy" TEXT NOT NULL,
    "bookedById" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Consultation_status_check" CHECK ("status" IN ('booked', 'cancelled', 'attended', 'no_show')),
    CONSTRAINT "Consultation_range_check" CHECK ("endsAt" > "startsAt" AND "blockedStart" <= "startsAt" AND "blockedEnd" >= "endsAt"),
    CONSTRAINT "Consultation_calendar_check" CHECK ("calendarKey" = COALESCE("consultantId", 'clinic')),
    -- Never two overlapping consultations on one calendar (decision 022): the blocked ranges
    -- [blockedStart, blockedEnd) of one calendarKey may not overlap among rows not cancelled. The
    -- columns hold UTC instants without a zone (Prisma's DateTime), so tsrange orders them as tstzrange would.
    CONSTRAINT "Consultation_no_overlap" EXCLUDE USING gist (
        "calendarKey" WITH =,
        tsrange("blockedStart", "blockedEnd", '[)') WITH &&
    ) WHERE ("status" <> 'cancelled')
);
CREATE INDEX "Consultation_blockedStart_blockedEnd_calendarKey_status_idx" ON "Consultation"("blockedStart", "blockedEnd", "calendarKey", "status");
CREATE INDEX "Consultation_leadId_idx" ON "Consultation"("leadId");
CREATE INDEX "Consultation_consultantId_idx" ON "Consultation"("consultantId");
CREATE INDEX "Consultation_bookedById_idx" ON "Consultation"("bookedById");
-- One booked consultation per inquiry (partial: SQL only, decision 004).
CREATE UNIQUE INDEX "Consultation_one_booked_per_lead" ON "Consultation"("leadId") WHERE "status" = 'booked';
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Consultant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "CallbackPreference" (
    "leadId" TEXT NOT NULL,
    "preferredTimes" TEXT NOT NULL,
    "days" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallbackPreference_pkey" PRIMARY KEY ("leadId")
);
ALTER TABLE "CallbackPreference" ADD CONSTRAINT "CallbackPreference_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
