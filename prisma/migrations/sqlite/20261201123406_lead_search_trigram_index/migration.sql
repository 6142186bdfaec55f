-- Nothing to do on SQLite: the PostgreSQL migration of the same name adds a trigram index for the
-- staff inbox's substring search. SQLite has no such index type (FTS5 would add shadow tables and
-- triggers on every lead write); its search reads Lead_inbox_covering_idx, the narrow index that
-- holds searchText, once (lib/leads/staff-inbox.ts). Kept so both providers list the same migrations.
SELECT 1;
