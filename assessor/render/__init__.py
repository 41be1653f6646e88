"""Renderers: each turns the one Report (or a batch of them) into one output format.

No judgement lives here: a renderer only reads the result model.
"""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    md = "md"
    html = "html"
    docx = "docx"


#: Formats written as bytes rather than text.
BINARY_FORMATS = {Format.docx}
