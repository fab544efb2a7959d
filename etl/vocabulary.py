"""The agencies' wording as data is read by ``core.vocabulary`` (the reporting periods in core
read it too); this name is kept for the ETL's own modules."""
from core.vocabulary import *  # noqa: F401,F403
from core.vocabulary import (  # noqa: F401
    DEFAULT_DIR, DIR_ENV, LANGS, REPO_ROOT, WILDCARD, _load, _path, compiled, contains, directory, file_name, key,
    wordings,
)
