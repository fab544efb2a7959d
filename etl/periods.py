"""Reporting periods live in ``core.periods`` (shared by the ETL, the metrics and the pages);
this name is kept for the ETL's own modules."""
from core.periods import *  # noqa: F401,F403
from core.periods import MAX_YEAR, MIN_YEAR, RANGE, SCHOOL_YEAR, SNAPSHOT  # noqa: F401
