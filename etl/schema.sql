-- CP Monitor warehouse. Tables hold every revision; the views are the documented data API
-- (docs/data-dictionary.md) and show the current revision only.
CREATE SEQUENCE IF NOT EXISTS load_seq START 1;
CREATE SEQUENCE IF NOT EXISTS figure_seq START 1;

CREATE TABLE IF NOT EXISTS regions (
    region_code VARCHAR PRIMARY KEY, kato_code VARCHAR, name_en VARCHAR, name_ru VARCHAR, name_kk VARCHAR,
    kind VARCHAR, created INTEGER, parent_code VARCHAR, abbr VARCHAR, tile_row INTEGER, tile_col INTEGER
);

CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY, file_name VARCHAR, file_path VARCHAR, file_hash VARCHAR, source VARCHAR,
    loaded_at TIMESTAMP, status VARCHAR, figures_read INTEGER, figures_stored INTEGER, illustrative BOOLEAN,
    messages JSON
);

CREATE TABLE IF NOT EXISTS figures (
    figure_id BIGINT PRIMARY KEY, source VARCHAR NOT NULL, region_code VARCHAR NOT NULL,
    period_kind VARCHAR NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL,
    sex VARCHAR NOT NULL, age_group VARCHAR NOT NULL, measure VARCHAR NOT NULL,
    value DOUBLE, value_text VARCHAR, missing VARCHAR,
    provisional BOOLEAN, illustrative BOOLEAN,
    source_file VARCHAR, source_hash VARCHAR, source_sheet VARCHAR, source_cell VARCHAR,
    load_id INTEGER NOT NULL, revision INTEGER NOT NULL, superseded_by INTEGER
);

CREATE TABLE IF NOT EXISTS reported_totals (
    source VARCHAR, period_kind VARCHAR, period_start DATE, period_end DATE, sex VARCHAR, age_group VARCHAR,
    measure VARCHAR, value DOUBLE, value_text VARCHAR, missing VARCHAR, provisional BOOLEAN, illustrative BOOLEAN,
    source_file VARCHAR, source_hash VARCHAR, source_sheet VARCHAR, source_cell VARCHAR, load_id INTEGER
);

-- Who ran each load (the signed-in data manager of an upload, the system account of a command-line load).
ALTER TABLE loads ADD COLUMN IF NOT EXISTS loaded_by VARCHAR;
