"""Text helpers shared by the extractors: joining wrapped lines and undoing hyphenation."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Documents with more words than this are refused: assessment time grows with the
#: text (about 13 s for 500,000 words), and a dossier has some 5,000-40,000.
MAX_WORDS = 500_000

# Short prefixes that keep their hyphen before a line break: "mbo-/studenten".
DUTCH_ABBREV_PREFIXES = {
    "po", "vo", "so", "vso", "mbo", "hbo", "wo", "pabo", "alo", "ict", "hr", "mr", "lio",
    "ib", "vve", "havo", "vwo", "vmbo", "pdg", "pgo", "ipabo", "roc", "kc", "ikc",
}
_VOWELS = set("aeiouyáéíóúàèëïöü")
#: Marks PDFium puts where a line ended in a hyphen (U+FFFE in page text, U+0002 in
#: bounded text); both stand for "-" at a line break.
HYPHEN_MARKS = "\ufffe\x02"
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")


class Vocabulary:
    """Words of one document, to decide whether "aspirant-/opleidingsschool" keeps its
    hyphen (the hyphenated form occurs elsewhere) and "samen-/werking" loses it (the
    joined form occurs elsewhere)."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        for tok in _TOKEN.findall(text.lower()):
            if "-" in tok:
                self.compounds.add(tok)
                self.words.update(p for p in tok.split("-") if p)
            else:
                self.words.add(tok)


def _keep_hyphen(prefix: str, suffix: str, vocab: Vocabulary | None) -> bool:
    if not prefix or not suffix:
        return True
    if prefix.lower() in DUTCH_ABBREV_PREFIXES or (prefix.isupper() and len(prefix) > 1):
        return True  # "mbo-studenten", "ICT-beleid"
    if suffix.lower() in DUTCH_ABBREV_PREFIXES or not any(c in _VOWELS for c in prefix.lower()):
        return True  # "post-hbo", "bpv-bezoek"
    if suffix[0].isupper():
        return True  # "Noord-/Veluwe"
    if vocab is not None:
        low_p, low_s = prefix.lower(), suffix.lower()
        if f"{low_p}-{low_s}" in vocab.compounds:
            return True
        if low_p + low_s in vocab.words:
            return False
        if len(low_p) >= 3 and len(low_s) >= 3 and low_p in vocab.words and low_s in vocab.words:
            return True  # two words of their own: a compound written with a hyphen
    if prefix[-1].lower() in _VOWELS and suffix[0].lower() in _VOWELS:
        return True  # "zee-egel", "mede-eigenaar", "zij-instroom"
    return False


def join_two(left: str, right: str, vocab: Vocabulary | None = None, broke_at_space: bool = True) -> str:
    """Join two wrapped lines. A hyphen (or PDFium's hyphen mark) at the break is dropped
    when the joined word looks like one word ("samen-/werking" -> "samenwerking") and kept
    for compounds ("aspirant-/opleidingsschool", "mbo-/studenten").
    ``broke_at_space=False`` says the break fell inside a word (the caller knows from
    the layout): the pieces are glued."""
    if not left:
        return right
    if not right:
        return left
    last = left[-1]
    if last == "\u00ad":  # soft hyphen: always a syllable break
        return left[:-1] + right
    if (last in HYPHEN_MARKS or last == "-") and len(left) >= 2 and left[-2].isalpha() and right[0].isalpha():
        m = _LAST_WORD.search(left[:-1])
        n = _FIRST_WORD.match(right)
        prefix, suffix = (m.group(1) if m else ""), (n.group(1) if n else "")
        if _keep_hyphen(prefix, suffix, vocab):
            return left[:-1] + "-" + right
        return left[:-1] + right
    if last in HYPHEN_MARKS:
        return left[:-1] + "-" + right
    if last in "-/–" and len(left) >= 2 and left[-2].isalnum():
        return left + right  # "ICT-/2025", "leerling/student": keep it, no space
    if not broke_at_space and last.isalnum() and (right[0].islower() or right[0] in ",.;:)!?%"):
        m = _LAST_WORD.search(left)
        n = _FIRST_WORD.match(right)
        if vocab is not None and m and n:
            frag_l, frag_r = m.group(1).lower(), n.group(1).lower()
            if (
                len(frag_l) >= 3 and len(frag_r) >= 3
                and frag_l in vocab.words and frag_r in vocab.words
                and frag_l + frag_r not in vocab.words
            ):
                return left + " " + right  # two words after all: "begeleiden" / "opgenomen"
        return left + right  # a word too long for its table cell: "Verantwoordelijkh" / "eid"
    return left + " " + right


def resolve_marks(text: str, vocab: Vocabulary | None = None) -> str:
    """Resolve hyphen marks inside one line (PDFium joins the two lines around them)."""
    if not any(m in text for m in HYPHEN_MARKS):
        return text
    parts = re.split(f"[{HYPHEN_MARKS}]", text)
    out = parts[0]
    for part in parts[1:]:
        out = join_two(out + "-", part, vocab) if part else out + "-"
    return out


def join_lines(
    lines: list[str],
    vocab: Vocabulary | None = None,
    broke_at_space: list[bool] | None = None,
) -> str:
    """Join wrapped lines into one string with single spaces."""
    text = ""
    for i, ln in enumerate(lines):
        ln = resolve_marks(ln, vocab)
        at_space = True if broke_at_space is None or i == 0 else broke_at_space[i - 1]
        text = join_two(text, ln, vocab, at_space)
    return " ".join(text.split())
