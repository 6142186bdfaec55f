-- The staff inbox's substring search and flag filter (lib/leads/staff-inbox.ts: "searchText" LIKE
-- '%term%', "flagCodes" LIKE '%,CODE,%') through trigram indexes, so a search or flag that matches
-- nothing, or little, reads a few index pages instead of every row (PostgreSQL seq-scans the wide
-- table otherwise: 430 ms for a no-match search at 100,000 inquiries on a busy machine, 0.1 ms with it).
-- PostgreSQL only, and not in schema.prisma: the schema stays provider-neutral (no GIN, no
-- extensions); docs/decisions/004-hand-written-migrations.md. pg_trgm ships with PostgreSQL and is a
-- trusted extension (the database owner may create it); where it cannot be created the migration
-- still succeeds and the search scans, as before.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available (%): the inbox search scans instead of using a trigram index', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "Lead_searchText_trgm_idx" ON "Lead" USING gin ("searchText" gin_trgm_ops);
    CREATE INDEX "Lead_flagCodes_trgm_idx" ON "Lead" USING gin ("flagCodes" gin_trgm_ops);
  END IF;
END $$;
