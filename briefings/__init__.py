"""Briefings for the Children's Ombudsman's office: one region (or the nation) and year as DOCX and
PDF, in Kazakh, Russian or English, every figure from the metrics layer. ``python -m briefings``."""
