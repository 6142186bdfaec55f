-- Scalp photos, documents and the confirmed assessment (issue 21, docs/decisions/023-photos.md).
-- Photos and documents are stored as bytes beside their inquiry and die with it (ON DELETE CASCADE,
-- plus the erasure participant list). At most 5 photos per inquiry is the database's rule: a photo
-- takes a slot 1..5 (CHECK, hand-written), unique per inquiry, so a sixth has no slot to take.
-- Twin: prisma/migrations/postgresql/20261207224022_photos_documents_assessment.
CREATE TABLE "LeadPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "view" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "image" BLOB NOT NULL,
    "thumb" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadPhoto_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LeadPhoto_slot_check" CHECK ("slot" BETWEEN 1 AND 5)
);

CREATE UNIQUE INDEX "LeadPhoto_leadId_slot_key" ON "LeadPhoto"("leadId", "slot");

CREATE TABLE "LeadDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeadDocument_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "LeadDocument_leadId_idx" ON "LeadDocument"("leadId");

CREATE TABLE "LeadAssessment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL,
    "norwoodStage" TEXT,
    "ludwigStage" TEXT,
    "scars" JSONB NOT NULL,
    "note" TEXT,
    "confirmedResult" JSONB NOT NULL,
    "priceTableVersion" INTEGER NOT NULL,
    "assessedById" TEXT NOT NULL,
    "assessedAt" DATETIME NOT NULL,
    CONSTRAINT "LeadAssessment_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "LeadAssessment_leadId_key" ON "LeadAssessment"("leadId");
