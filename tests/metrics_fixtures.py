"""A tiny warehouse for the metrics tests, with figures small enough to check by hand.

Three regions: Abai (KZ-10, created in 2022 out of East Kazakhstan), East Kazakhstan (KZ-63, its
parent) and Almaty city (KZ-75). The spreadsheets are written with openpyxl in the agencies' own
layout and loaded through the ETL (``etl.cli.load_files``), so the metrics read exactly what a
real load stores.

Import fixtures by name from ``tests.metrics_fixtures`` (pytest picks up module globals); the
database is built once per session and kept on the session's config, like ``sample_db``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.sample.layout import Form, write

REPO_ROOT = Path(__file__).resolve().parent.parent
REAL_CATALOGUE = REPO_ROOT / "data" / "indicators.toml"
ABAI, EAST, ALMATY = "KZ-10", "KZ-63", "KZ-75"
REGIONS = (ABAI, EAST, ALMATY)
LABELS = {ABAI: "Абайская область", EAST: "Восточно-Казахстанская область", ALMATY: "г. Алматы"}
ILLUSTRATIVE_NOTE = "ИЛЛЮСТРАТИВНЫЕ ДАННЫЕ (тестовый пример)."

# Children aged 0-17 on 1 January.
CHILDREN = {
    2023: {ABAI: 150_000, EAST: 350_000, ALMATY: 600_000},
    2024: {ABAI: 160_000, EAST: 340_000, ALMATY: 650_000},
    2025: {ABAI: 170_000, EAST: 330_000, ALMATY: 700_000},
}
# Completed suicides and attempts of minors (KPSSU summary): full years and January-September.
COMPLETED = {
    "2023": {ABAI: 3, EAST: 12, ALMATY: 30},
    "2024": {ABAI: 5, EAST: 9, ALMATY: 20},
    "9m2024": {ABAI: 4, EAST: 6, ALMATY: 14},
    "9m2025": {ABAI: 0, EAST: 5, ALMATY: 40},
}
ATTEMPTS = {
    "2023": {ABAI: 6, EAST: 20, ALMATY: 50},
    "2024": {ABAI: 7, EAST: 22, ALMATY: 61},
    "9m2024": {ABAI: 5, EAST: 15, ALMATY: 44},
    "9m2025": {ABAI: 2, EAST: 18, ALMATY: 52},
}
PERIOD_KEYS = {"2023": "2023-01..2023-12", "2024": "2024-01..2024-12", "9m2024": "2024-01..2024-09",
               "9m2025": "2025-01..2025-09"}
# PSC network snapshots: (authorised positions, filled positions, specialists); Abai has no
# centre ("-" is a typed zero).
PSC = {
    "2024-11-01": {EAST: (20, 18, 18), ALMATY: (40, 30, 30)},
    "2025-06-01": {EAST: (25, 24, 24), ALMATY: (50, 45, 45)},
}

# A catalogue of a few indicators with targets chosen so that every status occurs.
TEST_CATALOGUE = """
[[indicator]]
id = "suicide_rate"
name_kk = "Суицидтер"
name_ru = "Суициды"
name_en = "Completed suicides of minors per 100,000 children"
definition_en = "Completed suicides per 100,000 children aged 0-17."
numerator = "suicides_completed"
denominator = "children"
multiplier = 100000
unit_en = "per 100,000 children"
direction = "lower"
poisson = true
baseline = { period = "2023", value = 4.09 }
target = { value = 2.0, deadline = "2025-12-31", status = "proposed" }
sources = "KPSSU; BNS"
responsible = "Ministry of Education"
notes = "Test indicator."

[[indicator]]
id = "attempt_rate"
name_en = "Suicide attempts of minors per 100,000 children"
definition_en = "Attempts per 100,000 children aged 0-17."
numerator = "suicides_attempts"
denominator = "children"
multiplier = 100000
unit_en = "per 100,000 children"
direction = "none"
poisson = true
baseline = { period = "2023", value = 6.91 }
sources = "KPSSU; BNS"

[[indicator]]
id = "psc_regions"
name_en = "Regions with a working Psychological Support Centre"
definition_en = "Regions with a centre."
numerator = "psc_centres"
denominator = ""
multiplier = 1
unit_en = "regions"
direction = "higher"
poisson = false
baseline = { period = "2024-11-01", value = 2 }
target = { value = 3, deadline = "2025-03-31", status = "official" }
sources = "CPCR"

[[indicator]]
id = "psc_specialists_per_10k"
name_en = "PSC specialists per 10,000 children"
definition_en = "Specialists per 10,000 children aged 0-17."
numerator = "psc_specialists"
denominator = "children"
multiplier = 10000
unit_en = "per 10,000 children"
direction = "higher"
poisson = false
baseline = { period = "2024-11-01", value = 0.42 }
target = { value = 0.6, deadline = "2025-12-31", status = "proposed" }
sources = "CPCR; BNS"

[[indicator]]
id = "psc_positions_filled_pct"
name_en = "PSC positions filled, % of authorised"
definition_en = "Filled positions as a percentage of authorised positions."
numerator = "psc_positions_filled"
denominator = "psc_positions_authorised"
multiplier = 100
unit_en = "%"
direction = "higher"
poisson = false
baseline = { period = "2024-11-01", value = 80.0 }
target = { value = 90, deadline = "2025-12-31", status = "proposed" }
sources = "CPCR"

[[indicator]]
id = "pupils_per_psychologist"
name_en = "Pupils per school psychologist"
definition_en = "Pupils divided by psychologists."
numerator = "school_pupils"
denominator = "school_psychologists"
multiplier = 1
unit_en = "pupils"
direction = "lower"
poisson = false
baseline = { period = "2022-2023", value = 512 }
target = { value = 500, deadline = "2024-08-31", status = "official" }
sources = "CPCR"
"""


def _summary_rows(data: dict, periods: tuple[str, str]) -> list[tuple[str, list]]:
    rows = []
    for code in REGIONS:
        rows.append((LABELS[code], [data[m][p][code] for m in ("completed", "attempts") for p in periods]))
    totals = [sum(data[m][p].values()) for m in ("completed", "attempts") for p in periods]
    rows.append(("Республика Казахстан", totals))
    return rows


def write_spreadsheets(directory: Path) -> list[Path]:
    """The fixture's source files: two KPSSU summaries, the child population, two PSC snapshots."""
    directory.mkdir(parents=True, exist_ok=True)
    data = {"completed": COMPLETED, "attempts": ATTEMPTS}
    files = [
        write(Form(title=["Сведения о суицидах и попытках суицида среди несовершеннолетних", "за 2023-2024 годы"],
                   label_heading="Наименование региона",
                   groups=[("Оконченные суициды", ["2023 год", "2024 год"]),
                           ("Попытки суицида", ["2023 год", "2024 год"])],
                   rows=_summary_rows(data, ("2023", "2024"))), directory / "kpssu_2023-2024.xlsx"),
        write(Form(title=["Суициды среди несовершеннолетних: 9 месяцев 2025 года"], label_heading="Регион",
                   groups=[("Суициды", ["январь-сентябрь 2024", "январь-сентябрь 2025"]),
                           ("Попытки суицида", ["январь-сентябрь 2024", "январь-сентябрь 2025"])],
                   rows=_summary_rows(data, ("9m2024", "9m2025"))), directory / "kpssu_9m_2025.xlsx"),
    ]
    years = sorted(CHILDREN)
    rows = [(LABELS[c], [CHILDREN[y][c] for y in years]) for c in REGIONS]
    rows.insert(0, ("Республика Казахстан", [sum(CHILDREN[y].values()) for y in years]))
    files.append(write(Form(
        title=["Численность детей в возрасте 0-17 лет на 1 января, человек",
               "Данные пересчитаны в новых границах областей (после 8 июня 2022 года)."],
        label_heading="Регион", groups=[(f"на 1 января {y} года", ["дети 0-17 лет"]) for y in years], rows=rows),
        directory / "population.xlsx"))
    for on, staff in PSC.items():
        day = "{2}.{1}.{0}".format(*on.split("-"))
        rows, sums = [], [0, 0, 0]
        for code in REGIONS:
            if code not in staff:
                rows.append((LABELS[code], ["", "-", "-", "-"]))
                continue
            rows.append((LABELS[code], [f"Центр психологической поддержки ({LABELS[code]})", *staff[code]]))
            sums = [a + b for a, b in zip(sums, staff[code])]
        rows.append(("Итого", ["", *sums]))
        files.append(write(Form(
            title=["Сведения о сети центров психологической поддержки (ЦПП) и их штатной численности",
                   f"по состоянию на {day}", ILLUSTRATIVE_NOTE],
            label_heading="Регион",
            groups=[("", ["Наименование центра"]), ("", ["Штатная численность"]), ("", ["Фактическая численность"]),
                    ("", ["Специалисты всего"])], rows=rows), directory / f"psc_network_{on}.xlsx"))
    return files


def build_database(root: Path) -> Path:
    from etl.cli import load_files

    db = root / "metrics.duckdb"
    outcomes = load_files(write_spreadsheets(root / "raw"), db=db)
    bad = {o.file_name: [m.text() for m in o.messages if m.level != "info"] for o in outcomes if o.status != "loaded"}
    if bad:
        raise RuntimeError(f"fixture files not loaded cleanly: {bad}")
    return db


def write_catalogue(path: Path, text: str = TEST_CATALOGUE) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def with_target(text: str, indicator_id: str, value: float) -> str:
    """The catalogue text with one indicator's target value changed, as an analyst would edit it."""
    head, sep, rest = text.partition(f'id = "{indicator_id}"')
    assert sep, indicator_id
    changed, n = re.subn(r"target = \{ value = [0-9.]+", f"target = {{ value = {value}", rest, count=1)
    assert n == 1, indicator_id
    return head + sep + changed


_BUILT = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def _metrics_db_path(request, tmp_path_factory) -> Path:
    db = request.config.stash.get(_BUILT, None)
    if db is None:
        root = tmp_path_factory.mktemp("cpm-metrics")
        with pytest.MonkeyPatch.context() as patch:  # the load computes indicator_values with it
            patch.setenv("CPM_INDICATORS", str(write_catalogue(root / "indicators.toml")))
            db = request.config.stash[_BUILT] = build_database(root)
    return db


@pytest.fixture
def test_catalogue(tmp_path, monkeypatch) -> Path:
    """The test catalogue above, written to the test's folder; CPM_INDICATORS points at it."""
    path = write_catalogue(tmp_path / "indicators.toml")
    monkeypatch.setenv("CPM_INDICATORS", str(path))
    return path


@pytest.fixture
def metrics_db(_metrics_db_path, test_catalogue, monkeypatch) -> Path:
    """The internal snapshot of the tiny warehouse (what the dashboard reads), with the test
    catalogue; CPM_DB points at the warehouse."""
    from metrics.db import snapshot_path

    monkeypatch.setenv("CPM_DB", str(_metrics_db_path))
    return snapshot_path("internal", _metrics_db_path)


# --- running the CP pages with AppTest ------------------------------------------------------------
PAGE_TIMEOUT = 60  # seconds per script run; the first run imports plotly, pandas and scipy


def run_page(page: str, query: dict[str, str] | None = None, lang: str = "en"):
    """Run ``pages/<page>.py`` on its own (the navigation in app.py is not needed) in ``lang``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "pages" / f"{page}.py"), default_timeout=PAGE_TIMEOUT)
    for key, value in {"lang": lang, **(query or {})}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_specs(at) -> dict[str, dict]:
    """Plotly charts by key: AppTest hands them back as unknown elements carrying the figure JSON."""
    import json

    return {element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.spec) for element in at.get("plotly_chart")}


def array(value) -> list:
    """A plotly JSON array: a plain list or base64 typed-array encoding ({dtype, bdata, shape})."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            flat = flat.reshape([int(n) for n in str(value["shape"]).split(",")])
        return flat.tolist()
    return list(value)


def dataframe_with(at, column: str):
    """The one dataframe on the page that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """What the page's download buttons would hand over, by file name."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    seen: dict[str, bytes] = {}
    add = MediaFileManager.add

    def recording(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name is not None:
            seen[file_name] = path_or_data.encode() if isinstance(path_or_data, str) else bytes(path_or_data)
        return add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", recording)
    return seen
