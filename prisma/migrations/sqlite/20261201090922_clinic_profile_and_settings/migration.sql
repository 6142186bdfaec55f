-- The clinic profile and the clinic settings (lib/clinic/, docs/decisions/011-clinic-profile-and-settings.md).
-- Each table holds exactly ONE row, id 'clinic': the CHECK constraints are hand-written (not
-- expressible in the Prisma schema). The seed inserts both rows with placeholder/default values.

-- CreateTable
CREATE TABLE "ClinicProfile" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'clinic',
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "city" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT 'US',
    "timeZone" TEXT NOT NULL DEFAULT 'America/Los_Angeles',
    "openingHours" JSONB NOT NULL,
    "closedDates" JSONB NOT NULL,
    "replyPromiseEn" TEXT NOT NULL,
    "replyPromiseEs" TEXT NOT NULL,
    "isPlaceholder" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "ClinicProfile_single_row_check" CHECK ("id" = 'clinic'),
    CONSTRAINT "ClinicProfile_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClinicSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'clinic',
    "replyTargetMinutes" INTEGER NOT NULL DEFAULT 15,
    "autoAssign" TEXT NOT NULL DEFAULT 'off',
    "retentionMonths" INTEGER,
    "requireTwoFactorForAdmins" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "ClinicSettings_single_row_check" CHECK ("id" = 'clinic'),
    CONSTRAINT "ClinicSettings_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClinicProfile_updatedById_idx" ON "ClinicProfile"("updatedById");

-- CreateIndex
CREATE INDEX "ClinicSettings_updatedById_idx" ON "ClinicSettings"("updatedById");
