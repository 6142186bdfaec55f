-- Nothing to do on PostgreSQL: the SQLite migration of the same name adds FTS5 search tables for the
-- staff inbox; PostgreSQL answers the same search and flag filter from its trigram GIN indexes
-- (migration 20261201123406). Kept so both providers list the same migrations.
SELECT 1;
