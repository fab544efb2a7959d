-- The rows of a published snapshot: the regions' current figures plus the nation (region_code 'KZ',
-- the sum of the regions reporting the same period, breakdown and measure) and the
-- comparable-geography units (a region split in 2022 together with the region created from it,
-- 'KZ-63+KZ-10', before 2022 the parent alone). The data-API views then read this table.
CREATE OR REPLACE TABLE published_figures AS
WITH base AS (SELECT * EXCLUDE (suppressed) FROM current_figures),
numeric AS (SELECT * FROM base WHERE value_text IS NULL),
merged_codes AS (
    SELECT region_code AS part, parent_code || '+' || region_code AS unit FROM regions WHERE parent_code IS NOT NULL
    UNION ALL
    SELECT parent_code AS part, parent_code || '+' || region_code AS unit FROM regions WHERE parent_code IS NOT NULL
),
derived AS (
    SELECT source, 'KZ' AS region_code, period_kind, period_start, period_end, sex, age_group, measure,
           sum(value) AS value, NULL AS value_text, NULL AS missing,
           bool_or(provisional) AS provisional, bool_or(illustrative) AS illustrative,
           string_agg(DISTINCT source_file, ', ' ORDER BY source_file) AS source_file,
           string_agg(DISTINCT source_sheet, ', ' ORDER BY source_sheet) AS source_sheet,
           string_agg(source_cell, '+' ORDER BY region_code) AS source_cell, max(load_id) AS load_id
    FROM numeric WHERE region_code IN (SELECT region_code FROM regions)
    GROUP BY source, period_kind, period_start, period_end, sex, age_group, measure
    UNION ALL
    SELECT source, m.unit AS region_code, period_kind, period_start, period_end, sex, age_group, measure,
           sum(value) AS value, NULL, NULL, bool_or(provisional), bool_or(illustrative),
           string_agg(DISTINCT source_file, ', ' ORDER BY source_file),
           string_agg(DISTINCT source_sheet, ', ' ORDER BY source_sheet),
           string_agg(source_cell, '+' ORDER BY n.region_code), max(load_id)
    FROM numeric n JOIN merged_codes m ON m.part = n.region_code
    GROUP BY source, m.unit, period_kind, period_start, period_end, sex, age_group, measure
)
SELECT *, CAST(NULL AS VARCHAR) AS suppressed FROM base
UNION ALL
SELECT *, CAST(NULL AS VARCHAR) AS suppressed FROM derived;
CREATE OR REPLACE VIEW current_figures AS SELECT * FROM published_figures;
