-- A short human reference for each inquiry (e.g. SMP-7KQ2-94), shown to the patient and searched by
-- staff. Unique; NULL for inquiries stored before it existed (they keep their id).
ALTER TABLE "Lead" ADD COLUMN "reference" TEXT;
CREATE UNIQUE INDEX "Lead_reference_key" ON "Lead"("reference");
