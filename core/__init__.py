"""Domain pieces shared by the ETL, the metrics and the pages, with no dependency on any of them."""
