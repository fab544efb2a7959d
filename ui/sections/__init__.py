"""Sections of the pages: each module draws one part of a page from a ``ui.page.Context``."""
