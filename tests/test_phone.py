"""Tables as cards for phones (ui.phone.cards): every value of every row under its column's name,
text from files escaped, never read as HTML."""
from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest


def cards_script():
    import pandas as pd

    from ui import phone

    phone.cards(pd.DataFrame({"Region": ["Astana", "<b>Abai</b>", "=SUM(A1)"], "Value": [1.5, None, 3]}))
    phone.cards(pd.DataFrame({"Cases": ["<5", "x"]}, index=pd.Index(["KZ-71", "KZ-10"], name="Region")), index=True)


def test_every_row_becomes_a_card_with_every_value():
    at = AppTest.from_function(cards_script, default_timeout=30)
    at.run()
    assert not at.exception
    first, second = (element.proto.body for element in at.get("html"))
    cards = re.findall(r'<dl class="cpm-card">(.*?)</dl>', first)
    assert len(cards) == 3
    assert [re.findall(r"<dd>(.*?)</dd>", c) for c in cards] == [
        ["Astana", "1.5"], ["&lt;b&gt;Abai&lt;/b&gt;", "—"], ["=SUM(A1)", "3.0"]]
    assert all(re.findall(r"<dt>(.*?)</dt>", c) == ["Region", "Value"] for c in cards)
    assert [re.findall(r"<dd>(.*?)</dd>", c) for c in re.findall(r'<dl class="cpm-card">(.*?)</dl>', second)] == [
        ["KZ-71", "&lt;5"], ["KZ-10", "x"]]  # the index is a column of its own
