-- PSC network snapshots: one row per figure; text measures (centre_name, opened) in value_text.
CREATE OR REPLACE VIEW psc_network AS
SELECT region_code, period_start AS as_of, measure, value, value_text,
       provisional, illustrative, source_file, source_sheet, source_cell, load_id, suppressed
FROM current_figures
WHERE source = 'psc_network';
