-- The patient's own page (issue 19, docs/decisions/020-patient-page.md): links are stored as the
-- SHA-256 of their token only; they die with the inquiry (ON DELETE CASCADE) and at expiresAt.
CREATE TABLE "PatientAccessToken" (
    "id" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedFor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PatientAccessToken_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PatientAccessToken_tokenHash_key" ON "PatientAccessToken"("tokenHash");

CREATE INDEX "PatientAccessToken_leadId_idx" ON "PatientAccessToken"("leadId");

ALTER TABLE "PatientAccessToken" ADD CONSTRAINT "PatientAccessToken_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
