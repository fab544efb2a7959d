CREATE OR REPLACE VIEW school_psychologists AS
SELECT region_code,
       format('{}-{}', year(period_start), year(period_start) + 1) AS school_year,
       measure, CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'school_psych';
