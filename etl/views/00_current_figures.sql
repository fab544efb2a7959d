-- current_figures: the current revision of every figure, the rows every data-API view reads. In
-- the warehouse these are the regions' own figures; the published snapshots (etl/publish.py,
-- etl/snapshot_rows.sql) replace this view by a table of the same columns that adds the nation
-- ('KZ') and the comparable-geography units ('KZ-63+KZ-10'), and in which the public edition's
-- suppressed counts have value NULL and `suppressed` says why.
CREATE OR REPLACE VIEW current_figures AS
SELECT source, region_code, period_kind, period_start, period_end, sex, age_group, measure, value, value_text,
       missing, provisional, illustrative, source_file, source_sheet, source_cell, load_id,
       CAST(NULL AS VARCHAR) AS suppressed
FROM figures WHERE superseded_by IS NULL;
