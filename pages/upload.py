"""Upload (internal edition, data managers only): check files, see the change, teach a wording,
confirm, load and publish."""
import streamlit as st

from etl import teach, upload
from etl.warehouse import db_path, load_lock
from metrics.catalogue import load_catalogue
from metrics.db import get_database
from metrics.overview import HEADLINE
from ui import access, data_labels, lang as ui_lang, plain, upload_view

lang = ui_lang.current()
_ = ui_lang.gettext(lang)

st.title(_("Upload files"))
signed = access.require(lang, access.DATA_MANAGER)  # before anything else is drawn or read
st.write(_("Each file is checked first, by the same rules as a load from the command line. Nothing is stored "
           "until you confirm; then both editions of the dashboard are republished."))
st.caption(_("Spreadsheets only (.xlsx, .xls, .csv), up to {limit} MB each.", limit=upload.number(upload.limit_mb())))

state = st.session_state.setdefault("upload", {"checked": {}, "round": 0, "done": None})
for line, ok in state.pop("done", None) or []:
    (st.success if ok else st.error)(line)
files = st.file_uploader(_("Files to upload"), type=["xlsx", "xls", "csv"], accept_multiple_files=True,
                         key=f"upload_files_{state['round']}")
if not files:
    st.stop()

checked = state["checked"]
waiting = [f for f in files if f.file_id not in checked]
if waiting:
    bar = st.progress(0.0, text=_("Checking the files…"))
    for done, item in enumerate(waiting):
        bar.progress(done / len(waiting), text=_("Checking {file}…", file=plain.escape(item.name)))
        checked[item.file_id] = upload.check(item.getvalue(), item.name, headline=HEADLINE)
    bar.progress(1.0, text=_("All files checked."))
current = [checked[f.file_id] for f in files]

db = get_database()
regions = db.query("SELECT region_code, name_en, name_ru, name_kk FROM regions")
region_names = dict(zip(regions.region_code, regions[f"name_{lang}"]))
indicator_names = {i.id: i.name(lang) for i in load_catalogue()}
confirmed: set[str] = set()
upload_view.legend(lang)

for number, item in enumerate(current):
    key = f"f{number}_{item.sha256[:12]}"
    with st.container(border=True):
        upload_view.status_line(item, lang)
        upload_view.messages(item, lang, key)
        for sheet in item.grids:
            upload_view.grid(sheet, lang)
        with st.expander(_("Headings and labels used and ignored")):
            upload_view.uses(item, lang, key)
        unknown = teach.unknown_labels(item.outcome) if item.path is not None else []
        if unknown:
            source = item.outcome.parsed.source
            st.markdown("**" + _("Teach a wording") + "**")
            options = [teach.NOT_A_MEASURE, *teach.choices(source)]
            for n, use in enumerate(unknown):
                left, right = st.columns([3, 2])
                left.text(f"{use.cell}: {teach.wording(use.label)}")
                choice = right.selectbox(
                    _("Measure"), options, key=f"{key}_teach_{n}",
                    format_func=lambda m: _("not a measure") if m == teach.NOT_A_MEASURE
                    else data_labels.named(m, data_labels.MEASURES, lang))
                if right.button(_("Teach this wording"), key=f"{key}_teach_button_{n}"):
                    with load_lock(db_path()):
                        written = teach.teach(source, use.label, choice, signed.name)
                    for file_id, other in checked.items():  # every file is read with the new wording
                        if other.path is not None:
                            checked[file_id] = upload.recheck(other, headline=HEADLINE)
                    state["done"] = [(_("Wording taught and written to {file}; the files were checked again.",
                                        file=written.name), True)]
                    st.rerun()
        if item.change is not None and item.status in ("loaded", "warning", "held"):
            upload_view.change_tables(item, lang, region_names, indicator_names, key)
        if item.status == "held":
            for message in item.change.held:
                st.warning(plain.escape(message.located(item.name, lang)))
            if st.checkbox(_("I have checked these revisions and confirm them"), key=f"{key}_confirm"):
                confirmed.add(item.sha256)

ready = [c for c in current if c.status in ("loaded", "warning") or (c.status == "held" and c.sha256 in confirmed)]
st.write(_("Files ready to load: {count} of {total}.", count=len(ready), total=len(current)))
if st.button(_("Load and publish"), type="primary", disabled=not ready, key="upload_load"):
    with st.spinner(_("Loading and publishing…")):
        outcomes = upload.load(current, signed.name, confirmed, lang=lang)
    state["done"] = [(_("{file}: {status}", file=plain.escape(o.file_name),
                                                    status=_(upload_view.STATUS_WORDS[o.status])),
                      o.status in ("loaded", "warning", "unchanged")) for o in outcomes]
    state["checked"] = {}
    state["round"] += 1  # a fresh, empty file picker
    st.rerun()
