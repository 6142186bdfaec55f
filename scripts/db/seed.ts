// Idempotent seed of DATABASE_URL (default file:./data/smp.db). Run `npm run db:migrate` first.
// Usage: npm run db:seed [-- --demo]
import { closeDb, getDb, isDatabaseUnavailableError } from "@/lib/db/client";
import { runSeed } from "@/prisma/seed";

async function main(): Promise<void> {
  const demo = process.argv.includes("--demo");
  try {
    await runSeed(getDb(), { demo, log: (line) => console.log(`db:seed: ${line}`) });
  } finally {
    await closeDb();
  }
}

main().catch((e: unknown) => {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  const hint =
    code === "P2021" ? " (tables missing: run `npm run db:migrate` first)" : isDatabaseUnavailableError(e) ? " (database unavailable)" : "";
  console.error(`db:seed: ${e instanceof Error ? e.message : String(e)}${hint}`);
  process.exit(1);
});
