import "server-only";

import { getClinicSettings } from "@/lib/clinic/store";
import type { Db } from "@/lib/db/client";
import { eraseExpiredLeads } from "@/lib/leads/erase-lead";
import { purgeExpiredMergeUndo } from "@/lib/leads/lead-merge";
import { logger } from "@/lib/log/logger";

/**
 * The retention job: when the clinic setting `retentionMonths` is set (null = off, the default),
 * erases inquiries older than that which never became patients (lib/leads/erase-lead.ts, which runs
 * every erasure participant of lib/erasure/participants.ts, as erasure on request does). Runs in
 * the server process (instrumentation.ts) once shortly after start, then every RETENTION_INTERVAL_MS.
 * Counts only are logged.
 */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** One run: reads the setting fresh, erases what is due. Returns the number erased (0 when off). */
export async function runRetention(db: Db, now: Date = new Date()): Promise<number> {
  // Whatever the setting: what a merge kept for its undo goes when the 24 hours are over (decision 027).
  const purged = await purgeExpiredMergeUndo(db, now);
  if (purged > 0) logger.info({ op: "retention", mergeUndoPurged: purged }, "merge undo data past its window emptied");
  const settings = await getClinicSettings(db, 0);
  if (settings.retentionMonths === null) return 0;
  const erased = await eraseExpiredLeads(db, settings.retentionMonths, now);
  if (erased > 0) logger.info({ op: "retention", months: settings.retentionMonths, erased }, "inquiries past retention erased");
  return erased;
}

export interface RetentionWorker {
  stop(): Promise<void>;
}

export function startRetentionWorker(db: Db, intervalMs: number = RETENTION_INTERVAL_MS): RetentionWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped || running) return;
    running = runRetention(db)
      .then(() => undefined)
      .catch((error: unknown) => {
        logger.warn({ op: "retention", err: { name: (error as Error)?.name, code: (error as { code?: unknown })?.code } }, "retention run failed");
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, 30_000);
  first.unref();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
