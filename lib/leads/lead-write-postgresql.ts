import "server-only";

import type pg from "pg";

import type { AutoAssignMode } from "@/lib/clinic/schemas";
import { CURSOR_ID, LOCK_CURSOR_SQL, pickAssigneeSql } from "@/lib/leads/auto-assign";
import { eventActorId, eventData, LEAD_COLUMNS, leadRow, outboxPayload, type LeadDraft, type LeadRow, type WrittenLead } from "@/lib/leads/lead-row";
import { LEAD_CREATED } from "@/lib/notifications/kinds/lead-created";
import { PATIENT_CONFIRMATION } from "@/lib/notifications/kinds/patient-confirmation";

/**
 * The PostgreSQL write path (docs/decisions/008-lead-write-path.md): the repeat-inquiry lookup,
 * then ONE statement whose data-modifying CTEs insert the lead, its event and its outbox rows
 * (and, with automatic assignment on, pick the assignee inside a short transaction).
 */

const PG_RELATED_SQL = `SELECT "id" FROM "Lead" WHERE "createdAt" >= $1 AND "createdAt" <= $2 AND ("email" = $3 OR "phone" = $4)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`;

/**
 * Data-modifying CTEs: the lead, its event, one outbox row per channel and the patient's
 * confirmation (when asked) in ONE statement, which PostgreSQL runs atomically (a failure anywhere
 * stores nothing). Timestamps are sent as UTC ISO text into timestamp(3) columns (the offset is
 * ignored: stored as UTC, as Prisma does). With automatic assignment (lib/leads/auto-assign.ts) the
 * statement also picks the assignee, writes the "assigned" event and moves the cursor; it then runs
 * in a transaction that locked the cursor first (writeLeadPostgres).
 */
function insertSql(mode: AutoAssignMode): string {
  const assign = mode !== "off";
  let n = 0;
  const values = LEAD_COLUMNS.map((column) => (assign && column === "assigneeId" ? `(SELECT "id" FROM "pick")` : `$${++n}`));
  const p = (i: number) => `$${n + i}`;
  const pick = assign ? `"pick" AS (${pickAssigneeSql(mode)}), ` : "";
  const assignment = assign
    ? `, "assigned" AS (
  INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt")
  SELECT ${p(10)}::text, "lead"."id", NULL, 'assigned',
         jsonb_build_object('from', NULL::text, 'to', "lead"."assigneeId", 'by', 'auto_assign', 'mode', '${mode}'::text), ${p(3)}::timestamp(3)
  FROM "lead" WHERE "lead"."assigneeId" IS NOT NULL
), "cursor" AS (
  UPDATE "AutoAssignCursor" SET "lastUserId" = "lead"."assigneeId" FROM "lead"
  WHERE "AutoAssignCursor"."id" = '${CURSOR_ID}' AND "lead"."assigneeId" IS NOT NULL
)`
    : "";
  return `WITH ${pick}"lead" AS (
  INSERT INTO "Lead" (${LEAD_COLUMNS.map((c) => `"${c}"`).join(", ")})
  VALUES (${values.join(", ")})
  RETURNING "id", "assigneeId"
), "event" AS (
  INSERT INTO "LeadEvent" ("id", "leadId", "actorId", "type", "data", "createdAt")
  SELECT ${p(1)}::text, "lead"."id", ${p(9)}::text, 'created', ${p(2)}::jsonb, ${p(3)}::timestamp(3) FROM "lead"
), "outbox" AS (
  INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "createdAt")
  SELECT "o"."id", ${p(4)}::text, "lead"."id", "o"."channel", ${p(5)}::jsonb, 0,
         ${p(3)}::timestamp(3), ${p(3)}::timestamp(3)
  FROM "lead", unnest(${p(6)}::text[], ${p(7)}::text[]) AS "o"("id", "channel")
), "confirmation" AS (
  INSERT INTO "OutboxMessage" ("id", "kind", "leadId", "channel", "payload", "attempts", "nextAttemptAt", "createdAt")
  SELECT ${p(8)}::text, '${PATIENT_CONFIRMATION}', "lead"."id", 'email', '{}'::jsonb, 0, ${p(3)}::timestamp(3), ${p(3)}::timestamp(3)
  FROM "lead" WHERE ${p(8)}::text IS NOT NULL
)${assignment}
SELECT "id", "assigneeId" FROM "lead"`;
}

const PG_INSERT_SQL: Readonly<Record<AutoAssignMode, string>> = {
  off: insertSql("off"),
  round_robin: insertSql("round_robin"),
  least_open: insertSql("least_open"),
};

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
  const mode = draft.autoAssign;
  const values = [
    ...LEAD_COLUMNS.filter((column) => mode === "off" || column !== "assigneeId").map((column) => pgValue(lead[column])),
    draft.eventId,
    JSON.stringify(eventData(draft, relatedLeadId)),
    draft.now.toISOString(),
    LEAD_CREATED,
    JSON.stringify(outboxPayload(draft, relatedLeadId)),
    draft.outboxIds,
    [...draft.channels],
    draft.confirmationId,
    eventActorId(draft),
    ...(mode === "off" ? [] : [draft.assignEventId]),
  ];
  const insert = { name: `smp_lead_insert_${mode}`, text: PG_INSERT_SQL[mode], values };
  if (mode === "off") {
    const { rows } = await pool.query<{ id: string; assigneeId: string | null }>(insert);
    return { id: rows[0]?.id ?? lead.id, relatedLeadId, assigneeId: null };
  }
  // Automatic assignment: lock the cursor first, so the pick (a new statement: a new snapshot) sees
  // every earlier submission's lead and cursor. Two more round trips than without (BEGIN + lock, COMMIT).
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query(`BEGIN; ${LOCK_CURSOR_SQL}`);
    const { rows } = await client.query<{ id: string; assigneeId: string | null }>(insert);
    await client.query("COMMIT");
    return { id: rows[0]?.id ?? lead.id, relatedLeadId, assigneeId: rows[0]?.assigneeId ?? null };
  } catch (error) {
    failed = true;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // A connection whose rollback may have failed is not returned to the pool.
    client.release(failed ? true : undefined);
  }
}
