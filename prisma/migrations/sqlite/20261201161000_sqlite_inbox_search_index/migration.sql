-- The staff inbox's substring search and flag filter on SQLite (lib/leads/inbox-search-sqlite.ts;
-- docs/decisions/009-staff-workspace.md "Search on SQLite"). Without an index, a search that matches
-- few or no inquiries reads every entry of Lead_inbox_covering_idx and runs LIKE on each: about 20 ms
-- of CPU at 100,000 inquiries, before the result count reads them all again. PostgreSQL has its
-- trigram GIN indexes for the same (migration 20261201123406).
--
-- Three tables, kept by the triggers below (every write path of "Lead" goes through them: the
-- lead write, staff edits, merge, erasure, retention), holding only listed inquiries (not merged):
--   LeadSearchRow    a stable integer key per inquiry ("Lead" has a text primary key, and the
--                    implicit rowid of such a table may change on VACUUM);
--   LeadSearch       FTS5, trigram tokenizer: "searchText" (lower-cased name, e-mail, phone,
--                    reference); a phrase query is a substring match of 3 or more characters;
--   LeadFlagSearch   FTS5, one token per flag code: "flagCodes".
-- Both are contentless (no second copy of the text) with contentless_delete, and secure-delete is on,
-- so an erased inquiry's terms leave the index with its row instead of waiting for a merge.
-- Not in prisma/schema.prisma (virtual tables; the drift test lists them: tests/support/schema-drift.ts).
CREATE TABLE "LeadSearchRow" (
    "rowid" INTEGER NOT NULL PRIMARY KEY,
    "leadId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "LeadSearchRow_leadId_key" ON "LeadSearchRow"("leadId");

CREATE VIRTUAL TABLE "LeadSearch" USING fts5("searchText", content='', contentless_delete=1, tokenize='trigram');
INSERT INTO "LeadSearch"("LeadSearch", "rank") VALUES ('secure-delete', 1);
CREATE VIRTUAL TABLE "LeadFlagSearch" USING fts5("flagCodes", content='', contentless_delete=1, tokenize="unicode61 tokenchars '_'");
INSERT INTO "LeadFlagSearch"("LeadFlagSearch", "rank") VALUES ('secure-delete', 1);

INSERT INTO "LeadSearchRow"("leadId") SELECT "id" FROM "Lead" WHERE "mergedIntoId" IS NULL ORDER BY "createdAt", "id";
INSERT INTO "LeadSearch"("rowid", "searchText") SELECT r."rowid", l."searchText" FROM "LeadSearchRow" r JOIN "Lead" l ON l."id" = r."leadId";
INSERT INTO "LeadFlagSearch"("rowid", "flagCodes") SELECT r."rowid", l."flagCodes" FROM "LeadSearchRow" r JOIN "Lead" l ON l."id" = r."leadId";

CREATE TRIGGER "Lead_search_after_insert" AFTER INSERT ON "Lead" WHEN new."mergedIntoId" IS NULL
BEGIN
    INSERT INTO "LeadSearchRow"("leadId") VALUES (new."id");
    INSERT INTO "LeadSearch"("rowid", "searchText") SELECT "rowid", new."searchText" FROM "LeadSearchRow" WHERE "leadId" = new."id";
    INSERT INTO "LeadFlagSearch"("rowid", "flagCodes") SELECT "rowid", new."flagCodes" FROM "LeadSearchRow" WHERE "leadId" = new."id";
END;

CREATE TRIGGER "Lead_search_after_update" AFTER UPDATE OF "searchText", "flagCodes", "mergedIntoId" ON "Lead"
BEGIN
    DELETE FROM "LeadSearch" WHERE "rowid" = (SELECT "rowid" FROM "LeadSearchRow" WHERE "leadId" = old."id");
    DELETE FROM "LeadFlagSearch" WHERE "rowid" = (SELECT "rowid" FROM "LeadSearchRow" WHERE "leadId" = old."id");
    DELETE FROM "LeadSearchRow" WHERE "leadId" = old."id";
    INSERT INTO "LeadSearchRow"("leadId") SELECT new."id" WHERE new."mergedIntoId" IS NULL;
    INSERT INTO "LeadSearch"("rowid", "searchText") SELECT "rowid", new."searchText" FROM "LeadSearchRow" WHERE "leadId" = new."id";
    INSERT INTO "LeadFlagSearch"("rowid", "flagCodes") SELECT "rowid", new."flagCodes" FROM "LeadSearchRow" WHERE "leadId" = new."id";
END;

CREATE TRIGGER "Lead_search_after_delete" AFTER DELETE ON "Lead"
BEGIN
    DELETE FROM "LeadSearch" WHERE "rowid" = (SELECT "rowid" FROM "LeadSearchRow" WHERE "leadId" = old."id");
    DELETE FROM "LeadFlagSearch" WHERE "rowid" = (SELECT "rowid" FROM "LeadSearchRow" WHERE "leadId" = old."id");
    DELETE FROM "LeadSearchRow" WHERE "leadId" = old."id";
END;
