-- Children aged 0-17 on 1 January of each year (BNS); the denominator of every rate.
CREATE OR REPLACE VIEW child_population AS
SELECT region_code, CAST(year(period_start) AS INTEGER) AS year, sex, CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'population' AND measure = 'children';

-- Whole population (all ages) on 1 January, for the children's share of it.
CREATE OR REPLACE VIEW total_population AS
SELECT region_code, CAST(year(period_start) AS INTEGER) AS year, sex, CAST(value AS BIGINT) AS value,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'population' AND measure = 'population';
