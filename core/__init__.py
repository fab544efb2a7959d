"""Domain pieces shared by the ETL, the metrics and the pages, with no dependency on any of them."""


def N_(msgid: str) -> str:
    """Mark a msgid for the catalogue without translating it yet (it is translated when shown)."""
    return msgid


class AfterLoadProblem(Exception):
    """A step after a load (e.g. computing indicator values) could not run; the loaded figures
    are stored all the same and the problem is reported."""
