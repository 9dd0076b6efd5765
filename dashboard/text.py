"""Untrusted text inside Streamlit's Markdown (captions, labels, messages).

Article titles, place names and file names come from the open web: Markdown would turn
``![](http://…)`` into an image fetched from elsewhere, ``[x](…)`` into a link and ``$…$`` into
LaTeX. Every ASCII punctuation mark Markdown gives a meaning to is backslash-escaped.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def md(value: object) -> str:
    """``value`` as literal text in Markdown, on one line."""
    text = " ".join(str("" if value is None else value).split())
    return _SPECIAL.sub(r"\\\1", text)
