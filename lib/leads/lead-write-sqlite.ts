import "server-only";

import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";

import type { AutoAssignMode } from "@/lib/clinic/schemas";
import { autoAssignEventData, CURSOR_ID, pickAssigneeSql } from "@/lib/leads/auto-assign";
import { eventActorId, eventData, LEAD_COLUMNS, leadRow, outboxPayload, type LeadDraft, type LeadRow, type WrittenLead } from "@/lib/leads/lead-row";
import { LEAD_CREATED } from "@/lib/notifications/kinds/lead-created";
import { PATIENT_CONFIRMATION } from "@/lib/notifications/kinds/patient-confirmation";

/**
 * The SQLite write path (docs/decisions/008-lead-write-path.md): the repeat-inquiry lookup and the
 * three inserts, synchronously, in one BEGIN IMMEDIATE ... COMMIT on the adapter's connection, with
 * statements prepared once per connection.
 */

interface SqliteLeadStatements {
  related: Statement<unknown[], string>;
  lead: Statement<unknown[]>;
  event: Statement<unknown[]>;
  outbox: Statement<unknown[]>;
  pick: Record<Exclude<AutoAssignMode, "off">, Statement<unknown[], string>>;
  assigned: Statement<unknown[]>;
  cursor: Statement<unknown[]>;
}

const sqliteStatements = new WeakMap<Database.Database, SqliteLeadStatements>();

function sqliteLeadStatements(connection: Database.Database): SqliteLeadStatements {
  let statements = sqliteStatements.get(connection);
  if (!statements) {
    statements = {
      related: connection
        .prepare<unknown[], string>(
          `SELECT "id" FROM "Lead" WHERE "createdAt" >= ? AND "createdAt" <= ? AND ("email" = ? OR "phone" = ?)
            ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
        )
        .pluck(),
      lead: connection.prepare(
        `INSERT INTO "Lead" (${LEAD_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${LEAD_COLUMNS.map(() => "?").join(", ")})`,
      ),
      event: connection.prepare(
        `INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt") VALUES (?, ?, ?, 'created', ?, ?)`,
      ),
      outbox: connection.prepare(
        `INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "deliveredAt", "lastError", "createdAt")
          VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, ?)`,
      ),
      pick: {
        round_robin: connection.prepare<unknown[], string>(pickAssigneeSql("round_robin")).pluck(),
        least_open: connection.prepare<unknown[], string>(pickAssigneeSql("least_open")).pluck(),
      },
      assigned: connection.prepare(
        `INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt") VALUES (?, ?, NULL, 'assigned', ?, ?)`,
      ),
      cursor: connection.prepare(`UPDATE "AutoAssignCursor" SET "lastUserId" = ? WHERE "id" = '${CURSOR_ID}'`),
    };
    sqliteStatements.set(connection, statements);
  }
  return statements;
}

/** A DateTime as @prisma/adapter-better-sqlite3 stores it (iso8601 text), so range filters compare alike. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function sqliteValue(value: LeadRow[keyof LeadRow]): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/**
 * Lookup and inserts in one synchronous BEGIN IMMEDIATE ... COMMIT on the adapter's connection:
 * nothing else runs on the event loop meanwhile, so no Prisma query can interleave. Returns
 * undefined (use the Prisma path) when the connection is inside a Prisma transaction right now.
 */
export function writeLeadSqlite(connection: Database.Database, draft: LeadDraft): WrittenLead | undefined {
  if (connection.inTransaction) return undefined;
  const statements = sqliteLeadStatements(connection);
  const window = draft.repeatWindow;
  const createdAt = sqliteDate(draft.now);
  return connection
    .transaction((): WrittenLead => {
      const relatedLeadId =
        statements.related.get(sqliteDate(window.from), sqliteDate(window.to), draft.lead.email, draft.lead.phone) ?? null;
      // BEGIN IMMEDIATE holds the write lock: concurrent submissions are assigned one after the other.
      const mode = draft.autoAssign;
      const assigneeId = mode === "off" ? null : (statements.pick[mode].get() ?? null);
      const lead = leadRow(draft, relatedLeadId, assigneeId);
      statements.lead.run(LEAD_COLUMNS.map((column) => sqliteValue(lead[column])));
      statements.event.run(draft.eventId, lead.id, eventActorId(draft), JSON.stringify(eventData(draft, relatedLeadId)), createdAt);
      const payload = JSON.stringify(outboxPayload(draft, relatedLeadId));
      draft.channels.forEach((channel, i) => {
        statements.outbox.run(draft.outboxIds[i], LEAD_CREATED, lead.id, channel, payload, createdAt, createdAt);
      });
      if (draft.confirmationId !== null) {
        statements.outbox.run(draft.confirmationId, PATIENT_CONFIRMATION, lead.id, "email", "{}", createdAt, createdAt);
      }
      if (assigneeId !== null && mode !== "off") {
        statements.assigned.run(draft.assignEventId, lead.id, JSON.stringify(autoAssignEventData(assigneeId, mode)), createdAt);
        statements.cursor.run(assigneeId);
      }
      return { id: lead.id, relatedLeadId, assigneeId };
    })
    .immediate();
}
