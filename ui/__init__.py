"""Layout pieces shared by the dashboard's pages: language, notices, captions, charts."""
