-- The Spanish label of each price-table row becomes the admin's, stored with the version beside the
-- English one ("rows" -> "<row>"."labelEs", lib/pricing/price-table.ts). Until now the app showed a
-- fixed translation; every stored version gets those very words, so no patient sees a change and a
-- restore of an old version brings them back. No column changes: "rows" is the version's JSON.
-- In `default || row` the row's own keys win, so a row that has its own "labelEs" is left alone.

-- UpdateData
UPDATE "PriceTableVersion"
SET "rows" = "rows"
  || jsonb_build_object('scar_only', jsonb_build_object('labelEs', 'Solo tratamiento de cicatrices') || ("rows" -> 'scar_only'))
  || jsonb_build_object('norwood_2_3', jsonb_build_object('labelEs', 'Norwood 2-3, línea frontal o coronilla') || ("rows" -> 'norwood_2_3'))
  || jsonb_build_object('standard_nw6', jsonb_build_object('labelEs', 'Procedimiento estándar (precio de referencia Norwood 6)') || ("rows" -> 'standard_nw6'))
  || jsonb_build_object('standard_with_scars', jsonb_build_object('labelEs', 'Procedimiento estándar con cicatrices') || ("rows" -> 'standard_with_scars'));
