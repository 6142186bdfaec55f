// Applies pending SQL migrations to DATABASE_URL (default file:./data/smp.db).
// Usage: npm run db:migrate
import { migrate } from "@/lib/db/migrate";
import { envVar } from "@/lib/env";

async function main(): Promise<void> {
  const url = envVar("DATABASE_URL");
  const result = await migrate(url, { log: (line) => console.log(`db:migrate: ${line}`) });
  console.log(
    result.applied.length === 0
      ? "db:migrate: database is up to date"
      : `db:migrate: applied ${result.applied.length} migration(s)`,
  );
}

main().catch((e: unknown) => {
  console.error(`db:migrate: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
