// Prisma CLI configuration, for machines where the schema engine is available (e.g. to check with
// `prisma migrate status` / `prisma migrate deploy`). Here the project uses `npm run db:generate` and
// `npm run db:migrate` instead (docs/decisions/004-hand-written-migrations.md).
// Picks the schema and migrations folder matching the provider of DATABASE_URL. The Prisma CLI
// loads this file on its own, outside the app, so it reads DATABASE_URL itself (lib/env.ts is the
// app's one reader) and takes the default and the provider rule from lib/db/provider.ts.
import { defineConfig } from "prisma/config";

import { DEFAULT_DATABASE_URL, providerOf } from "./lib/db/provider";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const postgres = providerOf(url) === "postgresql";

export default defineConfig({
  schema: postgres ? "prisma/generated/postgresql.prisma" : "prisma/schema.prisma",
  migrations: {
    path: postgres ? "prisma/migrations/postgresql" : "prisma/migrations/sqlite",
    seed: "node scripts/run-ts.mjs scripts/db/seed.ts",
  },
  datasource: { url },
});
