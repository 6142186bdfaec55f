-- Anonymous questionnaire funnel counts (POST /api/v1/questionnaire-events; lib/reports/questionnaire-events.ts):
-- one row per clinic-local day, event, step ("" for events without a step) and locale, incremented
-- by an upsert (INSERT ... ON CONFLICT DO UPDATE SET count = count + 1), so concurrent increments
-- never lose a count. Nothing personal: no id, no address, no time finer than the day.
CREATE TABLE "QuestionnaireEventCount" (
    "day" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT '',
    "locale" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY ("day", "event", "step", "locale")
);
