-- "Who will treat you" (issue 19): the clinic's own short text, in English and Spanish, shown to
-- patients on the landing page and with their result; "" means the clinic wrote none. Edited by an
-- admin at /staff/clinic (lib/clinic/schemas.ts, whoTreatsYouSchema). Same SQL on both providers.
ALTER TABLE "ClinicProfile" ADD COLUMN "whoTreatsYouEn" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ClinicProfile" ADD COLUMN "whoTreatsYouEs" TEXT NOT NULL DEFAULT '';
