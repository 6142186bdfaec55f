import "server-only";

import { recordAudit } from "@/lib/audit/record";
import { formatWallClock, instantAt, localDateOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";
import { clinicCalendar, morningOf } from "@/lib/leads/follow-up";

/**
 * The data step of migration 20261208010825_follow_up_time (decision 025): a follow-up stored
 * before follow-ups had a time is the START of a clinic date (00:00 in the clinic's zone). Each
 * marked one (`followUpDateOnly`) that is at the clinic's 00:00 moves to that date's opening time,
 * or 09:00 when the clinic is closed that day; one at any other time (set through the API with a
 * time) keeps its instant. The mark is cleared either way, in the same write, so the step runs once
 * per row however often it is started (`npm run db:migrate` runs it after the SQL migrations).
 * Each move is audited ("follow_up_set" by no one, with the time it had).
 */
export async function upgradeDateOnlyFollowUps(db: Db, batch = 500): Promise<{ moved: number; kept: number }> {
  // Nothing marked (every start after the first): no read of the clinic profile at all.
  if ((await db.lead.count({ where: { followUpDateOnly: true } })) === 0) return { moved: 0, kept: 0 };
  const calendar = await clinicCalendar(db);
  let moved = 0;
  let kept = 0;
  for (;;) {
    const rows = await db.lead.findMany({ where: { followUpDateOnly: true }, select: { id: true, followUpAt: true }, take: batch, orderBy: { id: "asc" } });
    if (rows.length === 0) break;
    for (const row of rows) {
      const at = row.followUpAt;
      const date = at ? localDateOf(at, calendar.timeZone) : null;
      const isMidnight = at !== null && date !== null && formatWallClock(at, calendar.timeZone).endsWith(" 00:00");
      if (!at || !date || !isMidnight) {
        await db.lead.updateMany({ where: { id: row.id, followUpDateOnly: true }, data: { followUpDateOnly: false } });
        kept++;
        continue;
      }
      const next = instantAt(date, morningOf(calendar, date), calendar.timeZone);
      await db.$transaction(async (tx) => {
        // Only a row still marked and still at that instant: a staff change since then wins.
        const { count } = await tx.lead.updateMany({ where: { id: row.id, followUpDateOnly: true, followUpAt: at }, data: { followUpAt: next, followUpDateOnly: false } });
        if (count !== 1) {
          await tx.lead.updateMany({ where: { id: row.id }, data: { followUpDateOnly: false } });
          return;
        }
        await recordAudit(tx, { actorId: null, leadId: row.id, type: "follow_up_set", data: { at: next.toISOString(), from: at.toISOString(), by: "upgrade" } });
        moved++;
      });
    }
  }
  return { moved, kept };
}
