CREATE OR REPLACE VIEW figure_history AS
SELECT figure_id, source, region_code, period_kind, period_start, period_end, sex, age_group, measure, value,
       missing, revision, load_id, superseded_by, superseded_by IS NULL AS is_current,
       source_file, source_hash, source_sheet, source_cell
FROM figures;
