"""The Suicides page under AppTest, for its tests: run it on a selection, and read back its tables,
its plotly figures and what the metrics layer says they should hold."""
from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from metrics import suicides
from metrics.db import get_database
from tests.app_fixtures import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
PAGE = "pages/suicides.py"
TIMEOUT = 30  # seconds per script run; the first run imports plotly and pandas


def run_app(query: dict[str, str] | None = None) -> AppTest:
    """Run the app on this page in English (the language otherwise follows the browser, Russian
    without one). The first run registers the pages (the Overview is the home page)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.user = {"proxy_user": "demo"}  # signed in, as the proxy names the demo viewer
    for key, value in {"lang": "en", **(query or {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table a chart block drew with ``key``: the dataframe in the expander whose download button
    is keyed "<key>_csv" (AppTest gives dataframes no key of their own)."""
    found = [e.dataframe[0].value for e in at.expander
             if any(b.proto.id.endswith(f"-{key}_csv") for b in e.get("download_button"))]
    assert len(found) == 1, [b.proto.id for e in at.expander for b in e.get("download_button")]
    return found[0]


def plotly_specs(at: AppTest) -> dict[str, dict]:
    """Plotly charts by widget key: AppTest hands them back as unknown elements with the figure JSON."""
    specs = {}
    for element in at.get("plotly_chart"):
        key = element.proto.id.rsplit("-", 1)[-1]
        specs[key] = json.loads(element.proto.spec)
    return specs


def array(value) -> list:
    """A plotly JSON array: either a plain list or base64 typed-array encoding ({dtype, bdata})."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return list(value)


def expected_table(option: suicides.PeriodOption, measure: str) -> pd.DataFrame:
    frame = suicides.regional(get_database(), option, measure)
    return frame[["name_en", "value", "source_file", "source_sheet", "source_cell"]]


def table_rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else (int(v) if isinstance(v, (int, float, np.number)) else str(v))
                  for v in row) for row in frame.itertuples(index=False)]
