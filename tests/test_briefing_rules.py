"""The exact tests behind the briefing's sentences, and the rules that choose each sentence, on
hand-computed cases and on the tiny warehouse of tests/metrics_fixtures.py (figures small enough to
check by hand)."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from briefings import compare, content, summary
from metrics.catalogue import indicator
from metrics.db import get_database
from tests.metrics_fixtures import (ALMATY, CHILDREN, COMPLETED, EAST, _metrics_db_path, metrics_db,  # noqa: F401
                                    test_catalogue)

MADE = date(2026, 12, 1)


def poisson_upper_tail(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean), summed by hand."""
    return 1 - sum(math.exp(-mean) * mean ** i / math.factorial(i) for i in range(k))


# --- briefings/compare.py ----------------------------------------------------------------------------

def test_a_count_clearly_above_the_national_rate_is_higher():
    # 8 events where the national rate expects 3 (3 per 100,000 among 100,000 children)
    result = compare.against_reference(8, 100_000, 3 / 100_000)
    assert result.p_value == pytest.approx(2 * poisson_upper_tail(8, 3.0), rel=1e-9)  # 0.0238
    assert result.outcome == compare.HIGHER and result.ratio == pytest.approx(8 / 3)


def test_a_count_clearly_below_the_national_rate_is_lower():
    # 10 events where 30 are expected: P(X <= 10) = 1 - P(X >= 11) for Poisson(30)
    result = compare.against_reference(10, 1_000_000, 30 / 1_000_000)
    assert result.p_value == pytest.approx(2 * (1 - poisson_upper_tail(11, 30.0)), rel=1e-6)
    assert result.outcome == compare.LOWER and result.p_value < 0.001


def test_a_count_near_the_national_rate_is_not_different():
    result = compare.against_reference(33, 1_000_000, 30 / 1_000_000)
    assert result.outcome == compare.NOT_DIFFERENT and result.p_value > 0.5
    # no events where 3 are expected: p = 2 e^-3 = 0.0996, not below 5%
    none = compare.against_reference(0, 100_000, 3 / 100_000)
    assert none.p_value == pytest.approx(2 * math.exp(-3)) and not none.significant


def test_rate_ratio_test_against_the_earlier_period():
    # Equal populations: given 90 events, the first period's count is Binomial(90, 1/2).
    up = compare.rate_ratio(60, 1_000_000, 30, 1_000_000)
    tail = sum(math.comb(90, k) for k in range(60, 91)) / 2 ** 90
    assert up.p_value == pytest.approx(2 * tail, rel=1e-9) and up.outcome == compare.HIGHER
    assert compare.rate_ratio(30, 1_000_000, 60, 1_000_000).outcome == compare.LOWER
    same = compare.rate_ratio(32, 1_000_000, 30, 1_000_000)
    assert same.outcome == compare.NOT_DIFFERENT and same.ratio == pytest.approx(32 / 30)
    # The populations count: the same 40 and 20 events are not different when the first period had
    # twice the children.
    assert compare.rate_ratio(40, 2_000_000, 20, 1_000_000).outcome == compare.NOT_DIFFERENT


# --- briefings/summary.py on the tiny warehouse ------------------------------------------------------

def gather(region: str, year: int, lang: str = "en"):
    return content.gather(get_database(), region, year, lang, "public", MADE)


def test_higher_than_the_nation_and_changes_judged_by_the_exact_test(metrics_db):
    # January-September 2025: Almaty 40 of 45 events among 700,000 of 1,200,000 children; at the
    # national rate 26.25 were expected. A year earlier: 14 among 650,000.
    b = gather(ALMATY, 2025)
    said = {s.rule: s for s in summary.sentences(b) if "Completed" in s.params.get("indicator", "")}
    versus = said["rate_versus_nation"]
    assert versus.msgid == summary.RATE_HIGHER
    expected = 45 / 1_200_000 * 700_000
    assert b.line("suicide_rate").versus_nation.p_value == pytest.approx(2 * poisson_upper_tail(40, expected),
                                                                            rel=1e-6)
    assert versus.params["value"] == "5.71" and versus.params["national"] == "3.75" and versus.params["count"] == "40"
    # 14 events a year earlier are fewer than 20: the change is not judged, however large it looks.
    assert said["change_over_time"].msgid == summary.CHANGE_FEW
    assert said["change_over_time"].params["previous"] == f"{14 / 650_000 * 100_000:.2f}"
    # Attempts, 52 among 700,000 against 44 among 650,000: the exact test finds no real change.
    attempts = summary.change_over_time(b, b.line("attempt_rate"))
    assert attempts.msgid == summary.CHANGE_SAME
    assert b.line("attempt_rate").change.p_value > 0.05


def test_not_different_from_the_nation(metrics_db):
    # 2024: Almaty 20 events among 650,000 children; at the national 34 per 1,150,000, 19.2 expected.
    b = gather(ALMATY, 2024)
    versus = summary.rate_versus_nation(b, b.line("suicide_rate"))
    assert versus.msgid == summary.RATE_SAME
    assert versus.text("en").endswith("the difference is not statistically significant.")
    assert "higher" not in versus.text("en") and "lower" not in versus.text("en")


def test_fewer_than_20_events_are_not_compared(metrics_db):
    b = gather(EAST, 2025)  # 5 completed suicides in January-September 2025
    assert COMPLETED["9m2025"][EAST] == 5
    said = [s for s in summary.sentences(b) if s.params.get("indicator", "").startswith("Completed")]
    assert [s.msgid for s in said] == [summary.RATE_FEW, summary.CHANGE_FEW]
    assert "statistically significant" not in " ".join(s.text("en") for s in said)


def test_lower_than_the_nation_on_a_hand_made_line(metrics_db):
    # 40 events among 2,000,000 children where the nation has 3 per 100,000 (60 expected).
    ind = indicator("suicide_rate")
    figure = pd.Series({"value": 2.0, "numerator": 40.0, "denominator": 2_000_000.0})
    national = pd.Series({"value": 3.0, "numerator": 3000.0, "denominator": 100_000_000.0})
    period = content.Period(date(2024, 1, 1), date(2024, 12, 31), "range")
    row = {"unreliable": False, "latest_period": period}
    line = content.Line(ind, row, figure, national, pd.DataFrame(),
                        versus_nation=compare.against_reference(40, 2_000_000, 3 / 100_000))
    assert line.versus_nation.p_value == pytest.approx(2 * (1 - poisson_upper_tail(41, 60.0)), rel=1e-6)
    b = content.Briefing(ALMATY, 2024, "en", "public", MADE, [line], pd.DataFrame())
    sentence = summary.rate_versus_nation(b, line)
    assert sentence.msgid == summary.RATE_LOWER
    assert sentence.text("en") == ("Almaty, 2024: “Completed suicides of minors per 100,000 children” was 2.00 (per "
                                   "100,000 children; 40 cases), lower than the national 3.00; the difference is "
                                   "statistically significant.")


def test_summary_of_the_nation_compares_no_region(metrics_db):
    b = gather("KZ", 2024)
    said = summary.sentences(b)
    assert said and all(s.msgid not in (summary.RATE_HIGHER, summary.RATE_LOWER, summary.RATE_SAME) for s in said)
    first = said[0]
    assert first.msgid == summary.RATE_NATIONAL
    assert first.params["count"] == str(sum(COMPLETED["2024"].values()))
    assert first.params["value"] == f"{34 / sum(CHILDREN[2024].values()) * 100_000:.2f}"


def test_at_most_eight_sentences_each_with_a_number(metrics_db):
    for region, year in ((ALMATY, 2025), (EAST, 2024), ("KZ", 2025)):
        said = summary.sentences(gather(region, year))
        assert 1 <= len(said) <= summary.MAX_SENTENCES
        for s in said:
            assert s.numbers and all(shown in s.text("en") for shown, _ in s.numbers), s


def test_a_figure_missing_from_the_file_is_missing_from_the_briefing(metrics_db, tmp_path, monkeypatch):
    """A briefing shows only what the database file the metrics layer opens holds: in a copy without
    Almaty's January-September 2025 counts (as a public file without a suppressed cell), the rate and
    its sentences are gone and no other figure takes their place."""
    import shutil

    import duckdb

    copy = tmp_path / "internal.duckdb"
    shutil.copyfile(metrics_db, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE figures SET value = NULL, missing = 'x' WHERE source = 'kpssu_summary' AND region_code = ? "
                "AND period_start = DATE '2025-01-01' AND period_end = DATE '2025-09-30'", [ALMATY])
    con.close()
    monkeypatch.setenv("CPM_INTERNAL_DB", str(copy))  # the snapshot the (internal) metrics layer opens
    b = gather(ALMATY, 2025)
    assert not b.line("suicide_rate").has_value and not b.line("attempt_rate").has_value
    said = summary.sentences(b)
    assert not any(s.params.get("indicator", "").startswith(("Completed", "Suicide attempts")) for s in said)
    assert b.line("psc_specialists_per_10k").has_value  # the rest of the file is still there
