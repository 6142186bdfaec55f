import "server-only";

import { type Db, type DbTransaction, dbProviderOf, driverHandle, sqliteWrite } from "@/lib/db/client";
import { autoAssignEventData, CURSOR_ID, LOCK_CURSOR_SQL, pickAssigneeSql } from "@/lib/leads/auto-assign";
import { eventActorId, eventData, leadRow, outboxPayload, type LeadDraft, type WrittenLead } from "@/lib/leads/lead-row";
import { writeLeadPostgres } from "@/lib/leads/lead-write-postgresql";
import { writeLeadSqlite } from "@/lib/leads/lead-write-sqlite";
import { LEAD_CREATED } from "@/lib/notifications/kinds/lead-created";
import { PATIENT_CONFIRMATION } from "@/lib/notifications/kinds/patient-confirmation";

/**
 * Stores one inquiry's rows in ONE transaction (docs/decisions/008-lead-write-path.md): plain SQL
 * on the client's own driver connection (lead-write-sqlite.ts, lead-write-postgresql.ts), or the
 * Prisma nested create as the fallback (driver connection not available, the SQLite connection
 * inside a Prisma transaction at that moment, or `writePath: "prisma"`). Every path writes the same
 * rows (tests/integration/leads/lead-write-path.test.ts). Database errors propagate.
 */
export async function writeLead(db: Db, draft: LeadDraft, writePath: "auto" | "prisma"): Promise<WrittenLead> {
  const driver = writePath === "prisma" ? undefined : driverHandle(db);
  let written: WrittenLead | undefined;
  // SQLite: a lock held by another process is waited for asynchronously, up to a bound (lib/db/sqlite-busy.ts).
  if (driver?.provider === "sqlite") written = await sqliteWrite(db, () => writeLeadSqlite(driver.connection, draft));
  else if (driver?.provider === "postgresql") written = await writeLeadPostgres(driver.pool, draft);
  return written ?? (await writeLeadPrisma(db, draft));
}

/** The same rows through Prisma: the lookup, then one nested create (one transaction; with assignment, an interactive one). */
async function writeLeadPrisma(db: Db, draft: LeadDraft): Promise<WrittenLead> {
  const mode = draft.autoAssign;
  if (mode === "off") return writeLeadPrismaRows(db, draft, null);
  const postgres = dbProviderOf(db) === "postgresql";
  return db.$transaction(async (tx: DbTransaction) => {
    // PostgreSQL: the cursor's lock first, so the pick below sees every earlier submission (see auto-assign.ts).
    if (postgres) await tx.$queryRawUnsafe(LOCK_CURSOR_SQL);
    const picked = await tx.$queryRawUnsafe<{ id: string }[]>(pickAssigneeSql(mode));
    const assigneeId = picked[0]?.id ?? null;
    const written = await writeLeadPrismaRows(tx, draft, assigneeId);
    if (assigneeId !== null) {
      await tx.leadEvent.create({
        data: { id: draft.assignEventId, leadId: written.id, type: "assigned", createdAt: draft.now, data: autoAssignEventData(assigneeId, mode) },
      });
      await tx.autoAssignCursor.updateMany({ where: { id: CURSOR_ID }, data: { lastUserId: assigneeId } });
    }
    return written;
  });
}

async function writeLeadPrismaRows(db: Db | DbTransaction, draft: LeadDraft, assigneeId: string | null): Promise<WrittenLead> {
  const window = draft.repeatWindow;
  const related = await db.lead.findFirst({
    where: {
      createdAt: { gte: window.from, lte: window.to },
      OR: [{ email: draft.lead.email }, { phone: draft.lead.phone }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const relatedLeadId = related?.id ?? null;
  const payload = outboxPayload(draft, relatedLeadId);
  const lead = await db.lead.create({
    data: {
      ...leadRow(draft, relatedLeadId, assigneeId),
      events: {
        create: { id: draft.eventId, actorId: eventActorId(draft), type: "created", createdAt: draft.now, data: eventData(draft, relatedLeadId) },
      },
      outbox: {
        create: [
          ...draft.channels.map((channel, i) => ({
            id: draft.outboxIds[i],
            kind: LEAD_CREATED,
            channel,
            payload,
            nextAttemptAt: draft.now,
            createdAt: draft.now,
          })),
          ...(draft.confirmationId === null
            ? []
            : [{ id: draft.confirmationId, kind: PATIENT_CONFIRMATION, channel: "email", payload: {}, nextAttemptAt: draft.now, createdAt: draft.now }]),
        ],
      },
    },
    select: { id: true },
  });
  return { id: lead.id, relatedLeadId, assigneeId };
}

/** The fields a Prisma unique violation (P2002) names, whichever way the adapter reports them. */
function uniqueFields(error: { meta?: unknown; message?: unknown }): string {
  return `${JSON.stringify(error.meta ?? null)} ${typeof error.message === "string" ? error.message : ""}`;
}

/** A unique violation on Lead.reference (a drawn reference already taken), from Prisma, better-sqlite3 or pg. */
export function isReferenceViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (code === "P2002") return uniqueFields(error as { meta?: unknown; message?: unknown }).includes("reference");
  if (code === "SQLITE_CONSTRAINT_UNIQUE") return typeof message === "string" && message.includes("Lead.reference");
  if (code === "23505") return constraint === "Lead_reference_key";
  return false;
}

/** A unique violation on Lead.idempotencyKey, from Prisma (P2002), better-sqlite3 or pg. */
export function isIdempotencyKeyViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (code === "P2002") return !isReferenceViolation(error);
  if (code === "SQLITE_CONSTRAINT_UNIQUE") return typeof message === "string" && message.includes("Lead.idempotencyKey");
  if (code === "23505") return constraint === "Lead_idempotencyKey_key";
  return false;
}
