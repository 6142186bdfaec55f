-- The Spanish label of each price-table row becomes the admin's, stored with the version beside the
-- English one ("rows" -> "<row>"."labelEs", lib/pricing/price-table.ts). Until now the app showed a
-- fixed translation; every stored version gets those very words, so no patient sees a change and a
-- restore of an old version brings them back. No column changes: "rows" is the version's JSON.
-- json_insert adds the key only where it is missing (a row that has its own is left alone).

-- UpdateData
UPDATE "PriceTableVersion"
SET "rows" = json_insert(
  "rows",
  '$.scar_only.labelEs', 'Solo tratamiento de cicatrices',
  '$.norwood_2_3.labelEs', 'Norwood 2-3, línea frontal o coronilla',
  '$.standard_nw6.labelEs', 'Procedimiento estándar (precio de referencia Norwood 6)',
  '$.standard_with_scars.labelEs', 'Procedimiento estándar con cicatrices'
);
