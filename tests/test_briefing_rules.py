"""The exact tests behind the briefing's sentences, and the rules that choose each sentence, on
hand-computed cases and on the tiny warehouse of tests/metrics_fixtures.py (figures small enough to
check by hand)."""
from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from briefings import content, summary
from metrics import compare as metrics_compare
from metrics import stats
from metrics.catalogue import indicator
from metrics.db import get_database
from tests.metrics_fixtures import (ALMATY, CHILDREN, COMPLETED, EAST, _metrics_db_path, metrics_db,  # noqa: F401
                                    test_catalogue)

MADE = date(2026, 12, 1)


# --- the comparisons, made by metrics.compare as on the dashboard ---------------------------------

def poisson_interval(k: int) -> tuple[float, float]:
    """The exact (Garwood) 95% interval of a Poisson count, from the chi-square quantiles."""
    from scipy.stats import chi2

    return (chi2.ppf(0.025, 2 * k) / 2 if k else 0.0), chi2.ppf(0.975, 2 * k + 2) / 2


def rate_row(count: int, children: float) -> pd.Series:
    low, high = poisson_interval(count)
    return pd.Series({"value": count / children * 100_000, "numerator": float(count), "denominator": children,
                      "ci_low": low / children * 100_000, "ci_high": high / children * 100_000})


def test_the_briefing_compares_with_the_nation_by_the_dashboards_rule():
    ind = indicator("suicide_rate")
    national = rate_row(3000, 100_000_000)  # 3.00 per 100,000
    # 8 events among 100,000 children: the interval 3.45-15.76 per 100,000 leaves out 3.00
    assert content._versus_nation(ind, rate_row(8, 100_000), national, ALMATY) == metrics_compare.HIGHER
    # 10 among 1,000,000: 0.48-1.84 per 100,000
    assert content._versus_nation(ind, rate_row(10, 1_000_000), national, ALMATY) == metrics_compare.LOWER
    # 33 among 1,000,000: 2.27-4.63 per 100,000 holds 3.00
    assert content._versus_nation(ind, rate_row(33, 1_000_000), national, ALMATY) == metrics_compare.SIMILAR
    assert poisson_interval(8) == pytest.approx((3.4538, 15.7632), abs=1e-3)  # tables of Garwood's limits
    assert content._versus_nation(ind, rate_row(8, 100_000), national, "KZ") is None  # the nation itself


def test_the_change_against_the_earlier_period_is_the_exact_test_of_two_rates():
    ind = indicator("suicide_rate")
    # Equal populations: given 90 events, the later period's count is Binomial(90, 1/2).
    up = metrics_compare.between(ind, rate_row(30, 1_000_000), rate_row(60, 1_000_000))
    tail = sum(math.comb(90, k) for k in range(60, 91)) / 2 ** 90
    assert up.p_value == pytest.approx(2 * tail, rel=1e-9) and up.verdict == stats.RISING
    assert metrics_compare.between(ind, rate_row(60, 1_000_000), rate_row(30, 1_000_000)).verdict == stats.FALLING
    same = metrics_compare.between(ind, rate_row(30, 1_000_000), rate_row(32, 1_000_000))
    assert same.verdict == stats.NO_CLEAR_CHANGE and same.estimate == pytest.approx(32 / 30 - 1)
    # The populations count: the same 20 and 40 events are no change when the later period had twice
    # the children.
    assert metrics_compare.between(ind, rate_row(20, 1_000_000), rate_row(40, 2_000_000)).verdict == \
        stats.NO_CLEAR_CHANGE


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
    assert b.line("suicide_rate").versus_nation == metrics_compare.HIGHER
    assert poisson_interval(40)[0] / 700_000 * 100_000 > 45 / 1_200_000 * 100_000  # 4.08 above 3.75
    assert versus.params["value"] == "5.71" and versus.params["national"] == "3.75" and versus.params["count"] == "40"
    # 14 events a year earlier are fewer than 20: the change is not judged, however large it looks.
    assert said["change_over_time"].msgid == summary.CHANGE_FEW
    assert said["change_over_time"].params["previous"] == f"{14 / 650_000 * 100_000:.2f}"
    # Attempts, 52 among 700,000 against 44 among 650,000: the exact test finds no real change.
    attempts = summary.change_over_time(b, b.line("attempt_rate"))
    assert attempts.msgid == summary.CHANGE_SAME
    assert b.line("attempt_rate").change.p_value > 0.05
    assert b.line("attempt_rate").change.verdict == stats.NO_CLEAR_CHANGE


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
    # 40 events among 2,000,000 children where the nation has 3 per 100,000.
    ind = indicator("suicide_rate")
    national = pd.Series({"value": 3.0, "numerator": 3000.0, "denominator": 100_000_000.0})
    period = content.Period(date(2024, 1, 1), date(2024, 12, 31), "range")
    row = {"unreliable": False, "latest_period": period}
    figure = rate_row(40, 2_000_000)  # 1.43-2.72 per 100,000, below the national 3.00
    line = content.Line(ind, row, figure, national, pd.DataFrame(),
                        versus_nation=content._versus_nation(ind, figure, national, ALMATY))
    assert line.versus_nation == metrics_compare.LOWER
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
