// Prisma CLI configuration, for machines where the schema engine is available (e.g. to check with
// `prisma migrate status` / `prisma migrate deploy`). Here the project uses `npm run db:generate` and
// `npm run db:migrate` instead (docs/decisions/004-hand-written-migrations.md).
// Picks the schema and migrations folder matching the provider of DATABASE_URL.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL || "file:./data/smp.db";
const postgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  schema: postgres ? "prisma/generated/postgresql.prisma" : "prisma/schema.prisma",
  migrations: {
    path: postgres ? "prisma/migrations/postgresql" : "prisma/migrations/sqlite",
    seed: "tsx --conditions=react-server scripts/db-seed.ts",
  },
  datasource: { url },
});
