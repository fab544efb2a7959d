CREATE OR REPLACE VIEW helpline_111 AS
SELECT region_code, period_start, period_end, measure, CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'helpline_111';
