import "server-only";

import { getClinicProfile } from "@/lib/clinic/store";
import { localDateOf } from "@/lib/clinic/time";
import type { Db } from "@/lib/db/client";

import type { QuestionnaireEventInput } from "./questionnaire-events";

/**
 * Counts one anonymous questionnaire event: ONE upsert that adds 1 to the row of (clinic-local day,
 * event, step, locale), creating it at 1. `INSERT ... ON CONFLICT DO UPDATE SET count = count + 1`
 * is atomic on both databases (SQLite serialises writers; PostgreSQL locks the conflicting row), so
 * concurrent increments never lose a count. Nothing else is stored.
 */
export async function recordQuestionnaireEvent(db: Db, input: QuestionnaireEventInput, now: Date = new Date()): Promise<void> {
  const { timeZone } = await getClinicProfile(db);
  const day = localDateOf(now, timeZone);
  const step = input.event === "step" ? (input.step ?? "") : "";
  await db.$executeRaw`
    INSERT INTO "QuestionnaireEventCount" ("day", "event", "step", "locale", "count")
    VALUES (${day}, ${input.event}, ${step}, ${input.locale}, 1)
    ON CONFLICT ("day", "event", "step", "locale") DO UPDATE SET "count" = "QuestionnaireEventCount"."count" + 1`;
}
