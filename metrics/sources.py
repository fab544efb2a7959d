"""The sources the dashboard knows, from their contracts (data/sources/*.toml): their names in the
reader's language and their order, for the data-status and methodology pages and any table that
names a source by its id."""
from __future__ import annotations

from core.contracts import ContractError, spec, spec_ids


def source_title(source_id: str, lang: str) -> str:
    """The source's name in ``lang``; an id with no contract (an old load) is shown as it is."""
    try:
        return spec(source_id).title(lang)
    except ContractError:
        return source_id


def source_list(lang: str) -> list[tuple[str, str]]:
    """(id, name in ``lang``) of every source, in the contracts' order."""
    return [(source_id, spec(source_id).title(lang)) for source_id in spec_ids()]
