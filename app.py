"""CP Monitor: the dashboard's entry point. It sets up the page, the language and the navigation."""
import streamlit as st

from ui import lang as ui_lang
from ui import navigation

st.set_page_config(page_title="CP Monitor", page_icon="🛡️", layout="wide")
# The language switcher runs before the navigation so page titles and the page itself use its choice.
lang = ui_lang.switcher()
ui_lang.declare(lang)
st.navigation(navigation.pages(lang)).run()
