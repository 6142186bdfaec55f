import "server-only";

import type { AutoAssignMode } from "@/lib/clinic/schemas";
import { CLOSED_STATUSES, LEAD_STATUSES } from "@/lib/leads/lead-status";
import { assignableUserSql } from "@/lib/staff/assignable";

/**
 * Automatic assignment of a new inquiry (issue 10; setting ClinicSettings.autoAssign), applied by
 * every lead write path (lib/leads/lead-write*.ts) in the SAME transaction that stores the lead:
 *
 * - "round_robin": the active front-desk users take turns in id order, starting after the one who
 *   got the previous inquiry (AutoAssignCursor.lastUserId); a new colleague joins the rotation at
 *   their place, someone who leaves it simply stops being picked;
 * - "least_open": the active front-desk user with the fewest open inquiries (not a patient yet, not
 *   "not proceeding"); a tie goes to whoever is next in the round-robin order;
 * - "off": nobody (the default).
 *
 * Fair under concurrent submissions: the transaction first locks the cursor row (PostgreSQL:
 * `SELECT ... FOR UPDATE`; SQLite: BEGIN IMMEDIATE, one writer), then picks and stores the lead, then
 * moves the cursor. The next submission waits for the lock and its pick (a new statement, so a new
 * snapshot) sees the previous lead and the moved cursor. Only submissions with assignment on wait.
 *
 * The assignment is audited as an "assigned" LeadEvent with no actor (the system):
 * `{ from: null, to: <userId>, by: "auto_assign", mode }`.
 */

/**
 * Who may be picked: front-desk accounts that are active (not deactivated by an admin). Admins are
 * never picked. The rule's one home is lib/staff/assignable.ts (this is its SQL form).
 */
export const ACTIVE_FRONT_DESK_SQL = assignableUserSql("u", "automatic");

export const CURSOR_ID = "clinic";

const OPEN_STATUSES_SQL = LEAD_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s))
  .map((s) => `'${s}'`)
  .join(", ");

/** Takes the cursor row's lock until the end of the transaction (PostgreSQL). */
export const LOCK_CURSOR_SQL = `SELECT "lastUserId" FROM "AutoAssignCursor" WHERE "id" = '${CURSOR_ID}' FOR UPDATE`;

/** A statement (no parameters) whose one row, if any, has the `id` of the user to assign. Same SQL on both databases. */
export function pickAssigneeSql(mode: Exclude<AutoAssignMode, "off">): string {
  const last = `COALESCE((SELECT "lastUserId" FROM "AutoAssignCursor" WHERE "id" = '${CURSOR_ID}'), '')`;
  // Users after the last one first (false sorts before true), then from the start again.
  const rotation = `(u."id" <= ${last}) ASC, u."id" ASC`;
  const order =
    mode === "round_robin"
      ? rotation
      : `(SELECT COUNT(*) FROM "Lead" l WHERE l."assigneeId" = u."id" AND l."status" IN (${OPEN_STATUSES_SQL})) ASC, ${rotation}`;
  return `SELECT u."id" AS "id" FROM "user" u WHERE ${ACTIVE_FRONT_DESK_SQL} ORDER BY ${order} LIMIT 1`;
}

/** `data` of the "assigned" audit event of an automatic assignment. */
export function autoAssignEventData(userId: string, mode: Exclude<AutoAssignMode, "off">) {
  return { from: null, to: userId, by: "auto_assign", mode };
}
