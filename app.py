"""CP Monitor: the dashboard's entry point. It sets up the page, the language, the sign-in (internal
edition) and the navigation."""
import streamlit as st

from ui import access, chart_block, navigation
from ui import lang as ui_lang

st.set_page_config(page_title="CP Monitor", page_icon="🛡️", layout="wide")
# The language switcher runs before the navigation so page titles and the page itself use its choice.
lang = ui_lang.switcher()
ui_lang.declare(lang)
signed = access.gate(lang)
page = st.navigation(navigation.pages(lang, signed.role if signed else None))
chart_block.start_page()
page.run()
chart_block.page_package(lang, page.title, page.url_path or "overview")
