CREATE OR REPLACE VIEW load_log AS
SELECT load_id, loaded_at, file_name, file_hash, source, status, figures_read, figures_stored, illustrative, messages,
       loaded_by
FROM loads;
