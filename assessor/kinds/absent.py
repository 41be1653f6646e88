"""`absent`: the theme is never affirmed in an accepted time frame.

Negated, rejected or past-only mentions do not count as presence; they become the
evidence ("Een gezamenlijk curriculum is er nog niet").

PASS: "Samen met de pabo ontwikkelden we een praktijkcurriculum met vier leerlijnen."
FAIL: "Een gezamenlijk opleidingsplan hebben we nog niet."
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Absent


def run(c: Absent, a: Analysis) -> Outcome:
    present = a.affirmed(c.theme, c.scope, c.times)
    if present:
        return Outcome(False, support=a.evidence_for(present))
    contrary = [h for h in a.hits(c.theme) if a.in_scope(a.sentences[h.sentence], c.scope)]
    return Outcome(True, a.evidence_for(contrary), missing=c.description or None)
