import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { emitEvent } from "@/lib/webhooks/emit";

import { processDocumentImage, processPhoto } from "./process";
import {
  type DOCUMENT_KINDS,
  type LeadPhotoList,
  MAX_PHOTOS_PER_INQUIRY,
  PHOTO_MESSAGES,
  type PhotoView,
  type StoredPhoto,
} from "./schemas";

/**
 * The ONE module that reads and writes photo and document bytes (docs/decisions/023-photos.md: an
 * object store would replace only this). Lists never select bytes; one image is read at a time.
 */

/** A Buffer as the Uint8Array<ArrayBuffer> Prisma's Bytes columns take. */
function bytesOf(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

const LEAD_GONE = "This inquiry does not exist.";

/**
 * Stores a patient's photo in the first free slot. The database refuses a sixth (slots 1..5: CHECK
 * and unique (leadId, slot)); two uploads racing for one slot: the loser tries the next free one.
 * The image is processed before any row is touched: a refused image stores nothing.
 */
export async function addPhoto(db: Db, leadId: string, view: PhotoView, upload: Buffer): Promise<StoredPhoto> {
  const { full, thumb } = await processPhoto(upload);
  for (let attempt = 0; attempt < MAX_PHOTOS_PER_INQUIRY + 1; attempt++) {
    const taken = await db.leadPhoto.findMany({ where: { leadId }, select: { slot: true } });
    const used = new Set(taken.map((p) => p.slot));
    let slot = 1;
    while (used.has(slot)) slot++;
    // No free slot below the limit: let the database refuse it (the CHECK), so the rule has one home.
    try {
      const row = await db.leadPhoto.create({
        data: { leadId, slot, view, width: full.width, height: full.height, bytes: full.jpeg.length, image: bytesOf(full.jpeg), thumb: bytesOf(thumb.jpeg) },
        select: { id: true },
      });
      await recordAudit(db, { actorId: null, type: "photo_added", leadId, data: { by: "patient", photoId: row.id, view } });
      await emitEvent(db, "photos.received", { lead: { id: leadId }, photo: { id: row.id, view } }, { leadId });
      return { id: row.id, view, width: full.width, height: full.height, bytes: full.jpeg.length };
    } catch (error) {
      if (slot > MAX_PHOTOS_PER_INQUIRY && isCheckViolation(error)) throw new ConflictError(PHOTO_MESSAGES.tooMany, "too_many_photos");
      if (isUniqueViolation(error)) continue; // another upload took this slot: look again
      if (isForeignKeyViolation(error)) throw new NotFoundError(LEAD_GONE);
      throw error;
    }
  }
  throw new ConflictError(PHOTO_MESSAGES.tooMany, "too_many_photos");
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === "P2002";
}

/** A CHECK constraint refused the row (SQLite: "CHECK constraint failed"; PostgreSQL 23514). */
function isCheckViolation(error: unknown): boolean {
  const text = `${(error as { code?: unknown })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /CHECK constraint|23514|check constraint|LeadPhoto_slot_check/i.test(text) || hasCause(error, /23514|CHECK constraint|LeadPhoto_slot_check/i);
}

function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "P2003" || hasCause(error, /FOREIGN KEY|23503/i);
}

function hasCause(error: unknown, pattern: RegExp): boolean {
  const meta = (error as { meta?: unknown })?.meta;
  const cause = (error as { cause?: unknown })?.cause;
  return (meta !== undefined && pattern.test(JSON.stringify(meta))) || (cause instanceof Error && pattern.test(`${cause.message} ${(cause as { code?: unknown }).code ?? ""}`));
}

/** The patient removes one of their photos: 404 for a photo that is not this inquiry's (same answer as a wrong id). */
export async function deletePhoto(db: Db, leadId: string, photoId: string): Promise<void> {
  const { count } = await db.leadPhoto.deleteMany({ where: { id: photoId, leadId } });
  if (count === 0) throw new NotFoundError();
  await recordAudit(db, { actorId: null, type: "photo_removed", leadId, data: { by: "patient", photoId } });
}

async function requireLead(db: Db, leadId: string): Promise<void> {
  const lead = await db.lead.findUnique({ where: { id: leadId }, select: { mergedIntoId: true } });
  if (!lead) throw new NotFoundError(LEAD_GONE);
}

/** The photos and documents of an inquiry, without bytes (staff list). */
export async function listLeadPhotos(db: Db, leadId: string): Promise<LeadPhotoList> {
  await requireLead(db, leadId);
  const [photos, documents] = await Promise.all([
    db.leadPhoto.findMany({ where: { leadId }, orderBy: { slot: "asc" }, select: { id: true, view: true, width: true, height: true, bytes: true, createdAt: true } }),
    db.leadDocument.findMany({ where: { leadId }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, contentType: true, bytes: true, createdAt: true } }),
  ]);
  return {
    photos: photos.map((p) => ({ ...p, view: p.view as PhotoView, createdAt: p.createdAt.toISOString() })),
    documents: documents.map((d) => ({ ...d, kind: d.kind as (typeof DOCUMENT_KINDS)[number], createdAt: d.createdAt.toISOString() })),
  };
}

/** The patient's own photos (their page): ids and views, no bytes. */
export async function listOwnPhotos(db: Db, leadId: string): Promise<StoredPhoto[]> {
  const photos = await db.leadPhoto.findMany({ where: { leadId }, orderBy: { slot: "asc" }, select: { id: true, view: true, width: true, height: true, bytes: true } });
  return photos.map((p) => ({ ...p, view: p.view as PhotoView }));
}

/** One photo's JPEG for a staff member, audited as a view ("photo_viewed"). 404 for another inquiry's id. */
export async function readLeadPhoto(db: Db, actorId: string, leadId: string, photoId: string, size: "thumb" | "full"): Promise<Buffer> {
  const row =
    size === "full"
      ? await db.leadPhoto.findFirst({ where: { id: photoId, leadId }, select: { image: true } }).then((r) => r && r.image)
      : await db.leadPhoto.findFirst({ where: { id: photoId, leadId }, select: { thumb: true } }).then((r) => r && r.thumb);
  if (!row) throw new NotFoundError();
  await recordAudit(db, { actorId, type: "photo_viewed", leadId, data: { photoId, size } });
  return Buffer.from(row);
}

/**
 * The front desk attaches a document. An image is rewritten like a photo (no metadata, upright); a
 * PDF is kept as sent (it is only ever served as a download, never shown inline).
 */
export async function addDocument(
  db: Db,
  actorId: string,
  leadId: string,
  kind: (typeof DOCUMENT_KINDS)[number],
  upload: { bytes: Buffer; type: "image/jpeg" | "image/png" | "application/pdf" },
): Promise<{ id: string; kind: (typeof DOCUMENT_KINDS)[number]; contentType: string; bytes: number }> {
  await requireLead(db, leadId);
  const stored = upload.type === "application/pdf" ? { data: upload.bytes, contentType: "application/pdf" } : { data: (await processDocumentImage(upload.bytes)).jpeg, contentType: "image/jpeg" };
  const row = await db.leadDocument.create({
    data: { leadId, kind, contentType: stored.contentType, bytes: stored.data.length, data: bytesOf(stored.data), uploadedById: actorId },
    select: { id: true },
  });
  await recordAudit(db, { actorId, type: "document_added", leadId, data: { documentId: row.id, kind, contentType: stored.contentType } });
  return { id: row.id, kind, contentType: stored.contentType, bytes: stored.data.length };
}

/** One document's bytes for a staff member, audited as a view. */
export async function readLeadDocument(db: Db, actorId: string, leadId: string, documentId: string): Promise<{ data: Buffer; contentType: string; kind: string }> {
  const row = await db.leadDocument.findFirst({ where: { id: documentId, leadId }, select: { data: true, contentType: true, kind: true } });
  if (!row) throw new NotFoundError();
  await recordAudit(db, { actorId, type: "document_viewed", leadId, data: { documentId } });
  return { data: Buffer.from(row.data), contentType: row.contentType, kind: row.kind };
}
