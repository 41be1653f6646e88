"""Text helpers shared by the extractors."""

from __future__ import annotations

import re

# Short prefixes that keep their hyphen before a line break: "mbo-/studenten".
DUTCH_ABBREV_PREFIXES = {
    "po", "vo", "so", "vso", "mbo", "hbo", "wo", "pabo", "alo", "ict", "hr", "mr", "lio",
    "ib", "vve", "havo", "vwo", "vmbo", "pdg", "pgo", "ipabo",
}
_VOWELS = set("aeiouyáéíóúàèëïöü")
_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)-$")


def join_two(left: str, right: str) -> str:
    """Join two lines, undoing a hyphenation at the break when it looks like one."""
    if not left:
        return right
    if not right:
        return left
    if left[-1] in "\u00ad\x02":  # soft hyphen / PDFium's marker for one
        return left[:-1] + right
    if left[-1] == "-" and len(left) >= 2 and left[-2].isalpha() and right[0].islower():
        m = _WORD_BEFORE_HYPHEN.search(left)
        prefix = m.group(1) if m else ""
        if prefix.lower() in DUTCH_ABBREV_PREFIXES or prefix.isupper():
            return left + right  # "mbo-studenten", "ICT-beleid"
        if prefix[-1] in _VOWELS and right[0] in _VOWELS:
            return left + right  # "zee-egel", "mede-eigenaar"
        return left[:-1] + right
    if left[-1] in "-/–" and len(left) >= 2 and left[-2].isalnum():
        return left + right  # "ICT-/Beleid", "leerling/student": keep it, no space
    return left + " " + right


def join_lines(lines: list[str]) -> str:
    text = ""
    for ln in lines:
        text = join_two(text, ln)
    return " ".join(text.split())
