"""CP Monitor: the dashboard's entry point. It only sets up the page and the navigation."""
import streamlit as st

from ui import lang as ui_lang

lang = ui_lang.current()
_ = ui_lang.gettext(lang)

st.set_page_config(page_title="CP Monitor", page_icon="🛡️", layout="wide")
pages = [
    st.Page("pages/suicides.py", title=_("Suicides and suicide attempts"), url_path="suicides", default=True),
]
st.navigation(pages).run()
