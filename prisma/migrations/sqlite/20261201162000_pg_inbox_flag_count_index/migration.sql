-- Nothing to do on SQLite: the PostgreSQL migration of the same name adds a small B-tree for the
-- inbox's flag count; SQLite counts a flag from its FTS5 table LeadFlagSearch (migration
-- 20261201161000). Kept so both providers list the same migrations.
SELECT 1;
