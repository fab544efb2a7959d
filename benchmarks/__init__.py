"""Measured timings of the ETL and the dashboard: ``python -m benchmarks``."""
