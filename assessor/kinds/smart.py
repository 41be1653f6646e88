"""`smart`: goals are specific, measurable, dated and owned.

A goal is a sentence or table row matching the goal theme. It counts as SMART when it
holds a measure (a number, a percentage, "alle"), a date (a year, a school year, a
month) and an owner (a role from the owners theme). Fires when fewer than
`min_fraction` of the goals are SMART, or when there are no goals at all.

PASS: "In juni 2026 heeft 90% van de werkplekbegeleiders de basistraining gevolgd (eigenaar: stuurgroep)."
FAIL: "We willen de kwaliteit van de begeleiding verder verbeteren."
"""

from __future__ import annotations

import re

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Smart

_MEASURE = re.compile(r"\b\d+(?:[.,]\d+)?\b ?(?:%|procent)?|\balle\b|\bieder\w*\b|\belk\w*\b")
_DATE = re.compile(
    r"\b20[2-4]\d\b|\bschooljaar\b|\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december|kwartaal|q[1-4])\b"
)


def run(c: Smart, a: Analysis) -> Outcome:
    goals = sorted(a.sentences_with(c.theme, c.scope))
    if not goals:
        return Outcome(True, missing=c.description or None, details={"goals": 0, "smart": 0})
    # a goals table is the plan itself: when there is one, its rows are the goals, not
    # every sentence elsewhere that mentions "de doelen in het ontwikkelplan"
    rows = [si for si in goals if " | " in a.sentences[si].norm]
    if len(rows) >= 3:
        goals = rows
    smart, vague = [], []
    for si in goals:
        norm = a.sentences[si].norm
        # a row still holding a placeholder ("Wanneer: XXX") is not yet SMART
        ok = bool(_MEASURE.search(norm)) and bool(_DATE.search(norm)) and a.matches(c.owners, si) and si not in a.unwritten_sentences
        (smart if ok else vague).append(si)
    fraction = len(smart) / len(goals)
    details = {"goals": len(goals), "smart": len(smart), "fraction": round(fraction, 2)}
    if fraction < c.min_fraction:
        return Outcome(True, a.evidence_for(vague), support=a.evidence_for(smart), details=details)
    return Outcome(False, support=a.evidence_for(smart), details=details)
