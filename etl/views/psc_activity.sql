-- psc_activity: each Psychological Support Centre's monthly report, one row per region, month and
-- indicator (measures listed in docs/data-dictionary.md). Current revision only.
CREATE OR REPLACE VIEW psc_activity AS
SELECT region_code,
       CAST(year(period_start) AS INTEGER) AS year,
       CAST(month(period_start) AS INTEGER) AS month,
       measure,
       CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'psc_activity';
