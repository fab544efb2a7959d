"""Figures kept for every session (ui.figure_cache): built once a key, keyed by what they draw, bounded,
and a page drawn from kept figures shows exactly what a page drawing them afresh shows."""
from __future__ import annotations

import pandas as pd
import pytest

from tests.app_fixtures import sample_db  # noqa: F401  (fixture imported by name)
from tests.metrics_fixtures import plotly_specs, run_page
from ui import figure_cache


@pytest.fixture(autouse=True)
def empty_store():
    figure_cache.clear()
    yield
    figure_cache.clear()


def test_a_figure_is_built_once_a_key():
    built = []

    def build():
        built.append(1)
        return {"drawn": len(built)}

    first = figure_cache.kept(("chart", 1), build)
    assert figure_cache.kept(("chart", 1), build) is first and len(built) == 1
    assert figure_cache.kept(("chart", 2), build) == {"drawn": 2}
    assert figure_cache.kept(None, build) == {"drawn": 3} and figure_cache.kept(None, build) == {"drawn": 4}
    assert figure_cache.held() == 2


def test_frames_in_a_key_stand_for_their_content():
    frame = pd.DataFrame({"region": ["Abai", "Almaty"], "value": [1.5, 2.0]})
    key = figure_cache.content_key("bars", frame, "en")
    assert key == figure_cache.content_key("bars", frame.copy(), "en")
    assert key != figure_cache.content_key("bars", frame.assign(value=[1.5, 2.5]), "en")
    assert key != figure_cache.content_key("bars", frame, "ru")
    assert figure_cache.content_key("bars", frame, None) is not None  # a part that is None stays a part
    assert figure_cache.content_key("bars", pd.DataFrame({"merged": [("a", "b")]})) is None  # no digest
    assert figure_cache.content_key("bars", ["not", "hashable"]) is None


def test_the_store_keeps_at_most_its_number_of_figures():
    for n in range(figure_cache.MAX_FIGURES + 15):
        figure_cache.kept(("chart", n), lambda: object())
    assert figure_cache.held() == figure_cache.MAX_FIGURES


@pytest.mark.parametrize("page", ["region_profile", "scorecard"])
def test_a_page_from_kept_figures_draws_what_a_fresh_one_draws(sample_db, page):
    fresh = plotly_specs(run_page(page))
    kept = figure_cache.held()
    assert kept > 0
    again = plotly_specs(run_page(page))  # a new session: every figure comes from the store
    assert figure_cache.held() == kept
    assert again == fresh
    assert plotly_specs(run_page(page, lang="ru")) != fresh  # another language: other figures
