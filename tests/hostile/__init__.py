"""Hostile and broken spreadsheets written by the tests themselves (see corpus.py)."""
