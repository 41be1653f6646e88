"""`share`: the share of students trained in the partnership, from its numbers.

Reads "48 van de 95 studenten", "131 van de 168 (78 procent)", "55%", "ongeveer de helft"
in sentences and table rows about students (also a whole in one sentence and its part
in the next: "164 studenten ... Van hen werden er 86 ..."; in a row with a column per
year, the latest year's), and fires when the current share is below
the threshold. The current share is the latest one told in the present ("in 2020 werd
de helft ...; nu 171 van 188"); targets (future clauses) are goals, not the share. Of
two shares for the same year, the one in a sentence of `within` (trained within the
partnership) is taken; a share the text marks as over ("vroeger ...") raises nothing.

PASS: "Dit jaar leiden we 131 van de 168 studenten samen op."
FAIL: "Van de 95 studenten volgden er 48 hun stage binnen het partnerschap."
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Share

_OF = re.compile(r"\b(\d{1,4}) (?:van de|van|op|uit) (?:de |onze |alle |in totaal )?(\d{1,5})\b")
_OUT_OF = re.compile(r"\bvan (?:de|alle|onze) (\d{1,5}) [a-z']+ (?:[a-z']+ ){0,6}?(?:er |zijn er |waren er )?(\d{1,4})\b")  # lio's
# "van de 118 pabostudenten die dit jaar op onze scholen stage lopen, volgen er 67 ...":
# the whole, a relative clause, then a verb with "er" and the part
_OUT_OF_FAR = re.compile(r"\bvan (?:de|die|deze|alle|onze) (\d{1,5}) [^.;]{0,90}?\b(?:worden|werden|zijn|waren|volgen|volgden|vallen|vielen|lopen|liepen|komen|kwamen) er (\d{1,4})\b")
_PERCENT = re.compile(r"\b(\d{1,3})(?:[.,]\d+)? ?(?:%|procent)")
# a table row "Totaal: 92 | Waarvan in ons programma: 47" (cells labelled by the header row)
# ... only when the "waarvan" cell says where they are trained ("waarvan LIO: 3" is a subgroup)
_TRAINED_HERE = r"\b(?:opleid\w*|partnerschap\w*|binnen|netwerk|samen|gezamenlijk\w*|\w*programma|\w*route|\w*traject)\b"
_WAARVAN = re.compile(r": (\d{1,5}) \| waarvan [^:|]{0,60}?" + _TRAINED_HERE + r"[^:|]{0,40}: (\d{1,5})\b")
_YEAR = re.compile(r"\b20[0-4]\d\b")
# "164 studenten liepen stage. Van hen werden er 86 ...": the part told in the next sentence
_OF_THEM = re.compile(r"^(?:van hen|daarvan|hiervan|van die (?:studenten|groep)|van deze (?:studenten|groep))\b[^.]*?\b(\d{1,4})\b")
_NUMBER = re.compile(r"\b\d{1,5}\b")
_WORDS = {"de helft": 0.5, "een derde": 1 / 3, "twee derde": 2 / 3, "driekwart": 0.75, "een kwart": 0.25}
_WORD_RE = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")


class Ratio(NamedTuple):
    """A share told as numbers ("131 van de 168"), with where it stands in the text."""

    part: int
    whole: int
    start: int
    end: int

    @property
    def value(self) -> float:
        return self.part / self.whole


def ratios_in(norm: str) -> list[Ratio]:
    """Every "part of whole" in a normalised text: table rows ("Totaal: 92 | Waarvan ...:
    47") and "48 van de 95"; only when there are none, "van de 95 studenten ... er 48"
    and "van de 118 studenten die ..., volgen er 67"."""
    out: list[Ratio] = []
    for m in _WAARVAN.finditer(norm):
        whole, part = int(m.group(1)), int(m.group(2))
        if 0 < part <= whole:
            out.append(Ratio(part, whole, m.start(), m.end()))
    for m in _OF.finditer(norm):
        part, whole = int(m.group(1)), int(m.group(2))
        if 0 < part <= whole:
            out.append(Ratio(part, whole, m.start(), m.end()))
    for far, group in ((_OUT_OF, 0), (_OUT_OF_FAR, 2)):  # the far one stands where its part does
        if out:
            break
        for m in far.finditer(norm):
            whole, part = int(m.group(1)), int(m.group(2))
            if 0 < part <= whole:
                out.append(Ratio(part, whole, m.start(group), m.end()))
    return out


def percents_in(norm: str) -> list[tuple[float, int, int]]:
    """Every percentage ("55%", "78 procent") as (share, start, end)."""
    return [(int(m.group(1)) / 100, m.start(), m.end()) for m in _PERCENT.finditer(norm) if 0 < int(m.group(1)) <= 100]


def words_in(norm: str) -> list[tuple[float, int, int]]:
    """Shares in words ("de helft", "driekwart") as (share, start, end)."""
    return [(_WORDS[m.group(1)], m.start(), m.end()) for m in _WORD_RE.finditer(norm)]


def shares_in(norm: str) -> list[float]:
    """The shares a text tells: its ratios, else its percentages, else shares in words."""
    out = [r.value for r in ratios_in(norm)]
    if not out:
        out = [v for v, _, _ in percents_in(norm)]
    if not out:
        out = [v for v, _, _ in words_in(norm)]
    return out


_YEAR_CELL = re.compile(r"^((?:19|20)\d\d)(?:[-/]\d{2,4})?: (.+)$")


def latest_column(norm: str, reference_year: int | None) -> list[float]:
    """A table row with a share per year ("2019: ca. 30% | 2025: 100%"): the share of
    the latest year that is not a target, since the earlier ones are history."""
    cells = [m for m in (_YEAR_CELL.match(c.strip()) for c in norm.split(" | ")) if m]
    if len(cells) < 2:
        return []
    now = [(int(m.group(1)), m.group(2)) for m in cells if reference_year is None or int(m.group(1)) <= reference_year]
    if not now:
        return []
    return shares_in(max(now)[1])


# "... ongeveer 38 stagiairs. Ongeveer de helft daarvan kwam van HNL": the part in words
_WORDS_OF_THEM = re.compile(
    r"^(?:ongeveer |zo.?n |bijna |ruim |circa |ca\.? )?(" + "|".join(_WORDS) + r") (?:daarvan|van hen|hiervan|van die \w+|van deze \w+)\b"
)


def part_in_next(whole_sentence: str, next_sentence: str) -> float | None:
    """The share when a sentence names the whole ("164 studenten") and the next one the
    part ("Van hen werden er 86 begeleid in een opleidingsteam", "De helft daarvan ...")."""
    words = _WORDS_OF_THEM.search(next_sentence)
    if words:
        return _WORDS[words.group(1)]
    m = _OF_THEM.search(next_sentence)
    wholes = [int(n) for n in _NUMBER.findall(whole_sentence) if not _YEAR.fullmatch(n)]
    if not m or len(wholes) != 1 or not 0 < int(m.group(1)) <= wholes[0]:
        return None
    return int(m.group(1)) / wholes[0]


# "Studenten met een stageplaats | 312 || waarvan op een opleidingslocatie | 171 | 55%": a
# row that goes on from the one above it, about where the students are trained
# ("waarvan zij-instromers | 31 | 10%" is a subgroup, not a share trained in the partnership)
_SUBSET = re.compile(r"^(?:[^:|]{0,60}: )?(?:waarvan|daarvan|hiervan)\b")
_GOES_ON = re.compile(_SUBSET.pattern + r"[^|]*" + _TRAINED_HERE)


def _theme_sentences(c: Share, a: Analysis) -> set[int]:
    """Sentences about the theme, and "waarvan ..." rows going on from one of them;
    a "waarvan" row counts only when it says where the students are trained."""
    about = a.sentences_with(c.theme, c.scope)
    rows = about | {si + 1 for si in about if si + 1 < len(a.sentences) and _SUBSET.match(a.sentences[si + 1].norm)}
    return {si for si in rows if not _SUBSET.match(a.sentences[si].norm) or _GOES_ON.match(a.sentences[si].norm)}


def run(c: Share, a: Analysis) -> Outcome:
    found: list[tuple[tuple[bool, int, bool, int], int, float]] = []
    noise = a.sentences_with(c.unless) if c.unless else set()
    within = a.sentences_with(c.within) if c.within else set()
    for si in sorted(_theme_sentences(c, a) - noise):
        s = a.sentences[si]
        times = {cl.time for cl in s.clauses}
        if times == {"future"}:
            continue  # a target, not the current share
        # the current share: not told in the past tense nor as a past that is over ("tot
        # 2021 liep maar de helft ..."), of the latest year named; a sentence in the present
        # without a year ("nu doet ruim 90 procent mee") speaks of the dossier's own year
        current = not times <= {"past", "former"} and "former" not in times
        year = max(map(int, _YEAR.findall(s.norm)), default=(a.reference_year or 0) if current else 0)
        rank = (current, year, si in within, si)
        shares = latest_column(s.norm, a.reference_year) or shares_in(s.norm)
        if not shares and si + 1 < len(a.sentences) and si + 1 not in noise:
            part = part_in_next(s.norm, a.sentences[si + 1].norm)
            if part is not None:
                shares, si, rank = [part], si + 1, rank[:3] + (si + 1,)
        found += [(rank, si, v) for v in shares]
    if not found:
        return Outcome(False, details={"share": None})
    _, si, value = max(found, key=lambda f: f[0])
    details = {"share": round(value, 3), "threshold": c.below}
    # a share the text marks as over ("vroeger liep de helft los stage") is no share now;
    # last year's figure told in the past tense ("kwamen er 31 van de hogeschool") is
    over = "former" in {cl.time for cl in a.sentences[si].clauses}
    if value < c.below and not over:
        return Outcome(True, [a.evidence(si)], details=details)
    return Outcome(False, support=[a.evidence(si)], details=details)
