"""Text that came from a file, shown as the text it is: never as Markdown or HTML.

File names, sheet names and labels are chosen by whoever made the file. Rendered as Markdown,
a name like ``![p](http://…) kpssu.xlsx`` becomes an image that every viewer's browser fetches.
Wherever such text goes into Markdown (captions, tooltips), it passes through ``escape``; whole
texts from files go through ``st.text`` or ``st.dataframe``, which never interpret them.
"""
from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation character be escaped with a backslash, and an escaped
# character is shown as itself. Escaped here are the characters that open a construct inside a
# line: links and images ([ ] !), HTML tags and entities (< > &), code, emphasis and strikethrough
# (` * ~, and _ where it is not inside a word), autolinks (: of http://, @ of an e-mail address,
# the dot of www.), Streamlit's directives (:red[...], :material/...:) and formulas ($). At the
# start of the text, what would open a heading, a list or a quote is escaped too. Ordinary file
# names (kpssu_suicides_2024.xls) come out unchanged.
_INLINE = re.compile(r"[\\`*~\[\]!<>&:@$|#{}^]|(?<![0-9A-Za-z\u0400-\u04ff])_|_(?![0-9A-Za-z\u0400-\u04ff])")
_WWW = re.compile(r"(?i)\b(www)\.")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(text) -> str:
    """``text`` made safe to place inside Markdown: it is displayed exactly as written."""
    if text is None:
        return ""
    text = _LINE_BREAKS.sub(" ", str(text))
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = _WWW.sub(r"\1\\.", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"),
                           text, count=1)


def code(text) -> str:
    """``text`` as inline code: a fence longer than any run of backticks inside it."""
    text = _LINE_BREAKS.sub(" ", str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"
