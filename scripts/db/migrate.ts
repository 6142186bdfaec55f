// Applies pending SQL migrations to DATABASE_URL (default file:./data/smp.db).
// Usage: npm run db:migrate
import { closeDb, getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { envVar } from "@/lib/env";
import { upgradeDateOnlyFollowUps } from "@/lib/leads/follow-up-upgrade";

async function main(): Promise<void> {
  const url = envVar("DATABASE_URL");
  const result = await migrate(url, { log: (line) => console.log(`db:migrate: ${line}`) });
  console.log(
    result.applied.length === 0
      ? "db:migrate: database is up to date"
      : `db:migrate: applied ${result.applied.length} migration(s)`,
  );
  // Data steps that need the clinic's time zone and hours (SQLite's SQL cannot read zones).
  const followUps = await upgradeDateOnlyFollowUps(getDb());
  if (followUps.moved + followUps.kept > 0) console.log(`db:migrate: ${followUps.moved} date-only follow-up(s) moved to the clinic's opening time, ${followUps.kept} kept`);
  await closeDb();
}

main().catch((e: unknown) => {
  console.error(`db:migrate: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
