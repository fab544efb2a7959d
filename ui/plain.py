"""Text that came from a file, shown as the text it is: never as Markdown or HTML.

File names, sheet names and labels are chosen by whoever made the file. Rendered as Markdown,
a name like ``![p](http://…) kpssu.xlsx`` becomes an image that every viewer's browser fetches.
Wherever such text goes into Markdown (captions, tooltips), it passes through ``escape``; whole
texts from files go through ``st.text`` or ``st.dataframe``, which never interpret them.
"""
from __future__ import annotations

import re

# CommonMark lets every ASCII punctuation character be escaped with a backslash, and an escaped
# character is shown as itself: no link, image, emphasis, HTML tag, autolink (http\:// is no
# longer a URL), Streamlit directive (:red[...], :material/...:) or formula ($...$) survives.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape(text) -> str:
    """``text`` made safe to place inside Markdown: it is displayed exactly as written."""
    if text is None:
        return ""
    return _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))


def code(text) -> str:
    """``text`` as inline code: a fence longer than any run of backticks inside it."""
    text = _LINE_BREAKS.sub(" ", str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"
