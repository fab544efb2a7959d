CREATE OR REPLACE VIEW suicide_counts AS
SELECT region_code,
       CAST(year(period_start) AS INTEGER) AS year,
       CAST(month(period_start) AS INTEGER) AS month_from,
       CAST(month(period_end) AS INTEGER) AS month_to,
       sex, age_group, measure,
       CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source IN ('kpssu_summary', 'kpssu_detail');
