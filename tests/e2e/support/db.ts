import path from "node:path";
import Database from "better-sqlite3";

/** The browser tests' database (scripts/test/e2e-server.mjs creates it fresh for every run). */
export const E2E_DB_FILE = path.resolve("artifacts/e2e/smp-e2e.db");

export interface LeadRow {
  id: string;
  email: string;
  reference: string | null;
  consentTextVersion: string;
  status: string;
  eligibility: string;
  flagCodes: string;
  priceMinUsd: number;
  priceMaxUsd: number;
  priceBasis: string;
  priceEstimate: number;
  locale: string;
  answers: string;
  result: string;
  firstName: string;
  lastName: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  referrer: string | null;
}

/** Every stored lead with this email, read-only (the server owns the file; we only look). */
export function leadsByEmail(email: string): LeadRow[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM "Lead" WHERE email = ? ORDER BY createdAt`).all(email.toLowerCase()) as LeadRow[];
  } finally {
    db.close();
  }
}

/**
 * Moves an inquiry's arrival back in time (an inquiry that has waited since then). The only write the
 * specs make to the server's file: SQLite serialises it with the server's own writes.
 */
export function backdateLead(id: string, createdAt: Date): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
    const changed = db.prepare(`UPDATE "Lead" SET createdAt = ? WHERE id = ?`).run(createdAt.toISOString().replace("Z", "+00:00"), id).changes;
    if (changed !== 1) throw new Error(`backdateLead: no lead ${id}`);
  } finally {
    db.close();
  }
}

/** The patient's links of a lead (hashes only) and the audit rows about it, read-only. */
export function patientAccessOf(leadId: string): { tokenHashes: string[]; patientViews: number } {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    const tokenHashes = (db.prepare(`SELECT tokenHash FROM "PatientAccessToken" WHERE leadId = ?`).all(leadId) as { tokenHash: string }[]).map((r) => r.tokenHash);
    const patientViews = (db.prepare(`SELECT COUNT(*) AS n FROM "LeadEvent" WHERE leadId = ? AND type = 'patient_viewed' AND actorId IS NULL`).get(leadId) as { n: number }).n;
    return { tokenHashes, patientViews };
  } finally {
    db.close();
  }
}

/** The "erased" audit rows that name this lead id (erasure leaves exactly one, with no personal data). */
export function erasureStubsOf(leadId: string): { actorId: string | null; data: string }[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT actorId, data FROM "LeadEvent" WHERE type = 'erased'`).all() as { actorId: string | null; data: string }[];
    return rows.filter((row) => (JSON.parse(row.data) as { leadId?: string }).leadId === leadId);
  } finally {
    db.close();
  }
}

/**
 * Moves a consultation so that it started half an hour ago (a consultation that is under way: the
 * front desk may mark it attended or no-show). Another write the specs make to the server's file.
 */
export function startConsultationNow(consultationId: string): void {
  const db = new Database(E2E_DB_FILE, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const row = db.prepare(`SELECT startsAt, endsAt, blockedStart, blockedEnd FROM "Consultation" WHERE id = ?`).get(consultationId) as
      | { startsAt: string; endsAt: string; blockedStart: string; blockedEnd: string }
      | undefined;
    if (!row) throw new Error(`startConsultationNow: no consultation ${consultationId}`);
    const shift = Date.now() - 30 * 60_000 - Date.parse(row.startsAt);
    const at = (value: string) => new Date(Date.parse(value) + shift).toISOString().replace("Z", "+00:00");
    db.prepare(`UPDATE "Consultation" SET startsAt = ?, endsAt = ?, blockedStart = ?, blockedEnd = ? WHERE id = ?`).run(
      at(row.startsAt),
      at(row.endsAt),
      at(row.blockedStart),
      at(row.blockedEnd),
      consultationId,
    );
  } finally {
    db.close();
  }
}

/** The consultations of a lead, read-only. */
export function consultationsOf(leadId: string): { id: string; status: string; startsAt: string; version: number; bookedBy: string }[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT id, status, startsAt, version, bookedBy FROM "Consultation" WHERE leadId = ? ORDER BY createdAt`).all(leadId) as {
      id: string;
      status: string;
      startsAt: string;
      version: number;
      bookedBy: string;
    }[];
  } finally {
    db.close();
  }
}

/** The inquiry's stored photos (no bytes: view and size) and its confirmed assessment, if any. */
export function photosOf(leadId: string): { view: string; width: number; height: number; bytes: number }[] {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT "view", "width", "height", "bytes" FROM "LeadPhoto" WHERE "leadId" = ? ORDER BY "slot"`).all(leadId) as {
      view: string;
      width: number;
      height: number;
      bytes: number;
    }[];
  } finally {
    db.close();
  }
}

export function assessmentOf(leadId: string): { norwoodStage: string | null; ludwigStage: string | null } | undefined {
  const db = new Database(E2E_DB_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT "norwoodStage", "ludwigStage" FROM "LeadAssessment" WHERE "leadId" = ?`).get(leadId) as
      | { norwoodStage: string | null; ludwigStage: string | null }
      | undefined;
  } finally {
    db.close();
  }
}
