import "server-only";

import type pg from "pg";

import { eventData, LEAD_COLUMNS, leadRow, outboxPayload, type LeadDraft, type LeadRow, type WrittenLead } from "@/lib/leads/lead-row";
import { LEAD_CREATED } from "@/lib/notifications/payload";

/**
 * The PostgreSQL write path (docs/decisions/008-lead-write-path.md): the repeat-inquiry lookup,
 * then ONE statement whose data-modifying CTEs insert the lead, its event and its outbox rows.
 */

const PG_RELATED_SQL = `SELECT "id" FROM "Lead" WHERE "createdAt" >= $1 AND "createdAt" <= $2 AND ("email" = $3 OR "phone" = $4)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;

const PG_LEAD_PARAMS = LEAD_COLUMNS.length;
/**
 * Data-modifying CTEs: the lead, its event and one outbox row per channel in ONE statement, which
 * PostgreSQL runs atomically (a failure anywhere stores nothing). Timestamps are sent as UTC ISO
 * text into timestamp(3) columns (the offset is ignored: stored as UTC, as Prisma does).
 */
const PG_INSERT_SQL = `WITH "lead" AS (
  INSERT INTO "Lead" (${LEAD_COLUMNS.map((c) => `"${c}"`).join(", ")})
  VALUES (${LEAD_COLUMNS.map((_c, i) => `$${i + 1}`).join(", ")})
  RETURNING "id"
), "event" AS (
  INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt")
  SELECT $${PG_LEAD_PARAMS + 1}::text, "lead"."id", NULL, 'created', $${PG_LEAD_PARAMS + 2}::jsonb, $${PG_LEAD_PARAMS + 3}::timestamp(3) FROM "lead"
), "outbox" AS (
  INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "createdAt")
  SELECT "o"."id", $${PG_LEAD_PARAMS + 4}::text, "lead"."id", "o"."channel", $${PG_LEAD_PARAMS + 5}::jsonb, 0,
         $${PG_LEAD_PARAMS + 3}::timestamp(3), $${PG_LEAD_PARAMS + 3}::timestamp(3)
  FROM "lead", unnest($${PG_LEAD_PARAMS + 6}::text[], $${PG_LEAD_PARAMS + 7}::text[]) AS "o"("id", "channel")
)
SELECT "id" FROM "lead"`;

function pgValue(value: LeadRow[keyof LeadRow]): string | number | boolean | null {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

export async function writeLeadPostgres(pool: pg.Pool, draft: LeadDraft): Promise<WrittenLead> {
  const window = draft.repeatWindow;
  // Named statements: each pool connection parses and plans them once.
  const related = await pool.query<{ id: string }>({ name: "smp_lead_related", text: PG_RELATED_SQL, values: [
    window.from.toISOString(),
    window.to.toISOString(),
    draft.lead.email,
    draft.lead.phone,
  ] });
  const relatedLeadId = related.rows[0]?.id ?? null;
  const lead = leadRow(draft, relatedLeadId);
  await pool.query({ name: "smp_lead_insert", text: PG_INSERT_SQL, values: [
    ...LEAD_COLUMNS.map((column) => pgValue(lead[column])),
    draft.eventId,
    JSON.stringify(eventData(draft, relatedLeadId)),
    draft.now.toISOString(),
    LEAD_CREATED,
    JSON.stringify(outboxPayload(draft, relatedLeadId)),
    draft.outboxIds,
    [...draft.channels],
  ] });
  return { id: lead.id, relatedLeadId };
}
