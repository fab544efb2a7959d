"""CP Monitor ETL: reads the agencies' spreadsheets and loads them into the DuckDB warehouse."""
