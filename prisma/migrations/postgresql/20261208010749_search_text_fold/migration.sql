-- 20261208010749_search_text_fold (postgresql): fold the accents of every stored Lead.searchText (issue 22,
-- accent-insensitive staff search). From now on the app stores searchText folded and folds the term
-- typed into the inbox the same way (lib/leads/search-text.ts foldForSearch), so rows written before
-- must be folded too or "Hernandez" would keep missing an older "Hernández".
--
-- The same steps as foldForSearch, on text the app already stored lower-cased: NFD, drop the
-- combining marks U+0300-U+036F, map đ ł ø ı to d l o i, NFC (normalize() needs a UTF8 database,
-- which Prisma's PostgreSQL setup is). Only rows whose text changes are written, so the trigram GIN
-- index Lead_searchText_trgm_idx is updated for those alone. Merged tombstones hold '' and are
-- unchanged. No schema change (twin: sqlite/20261208010749, where the migrator supplies the fold).
UPDATE "Lead"
SET "searchText" = normalize(translate(regexp_replace(normalize("searchText", NFD), '[\u0300-\u036f]', '', 'g'), 'đłøı', 'dloi'), NFC)
WHERE "searchText" <> normalize(translate(regexp_replace(normalize("searchText", NFD), '[\u0300-\u036f]', '', 'g'), 'đłøı', 'dloi'), NFC);
