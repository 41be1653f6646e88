"""`absent`: the theme is never affirmed in an accepted time frame.

Negated, rejected or past-only mentions do not count as presence, nor do mentions in a
sentence of the `unless` theme; plain negations become the evidence ("Een gezamenlijk
curriculum is er nog niet").

PASS: "Samen met de pabo ontwikkelden we een praktijkcurriculum met vier leerlijnen."
FAIL: "Een gezamenlijk opleidingsplan hebben we nog niet."
"""

from __future__ import annotations

import re

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Absent

_PLAINLY_NOT = re.compile(r"\b(?:geen|niet|nog niet|ontbreekt|ontbreken|nog uit te werken|nog te)\b")


def run(c: Absent, a: Analysis) -> Outcome:
    # "waar nodig worden verbeteracties geformuleerd" names steering without any
    present = a.affirmed(c.theme, c.scope, c.times, unless=c.unless)
    if present:
        return Outcome(False, support=a.evidence_for(present))
    # quote only what plainly says it is not there ("nog geen opleidingsplan"), not
    # every mention in a clause that happens to hold a negation
    contrary = [
        h for h in a.hits(c.theme)
        if h.negated and a.in_scope(a.sentences[h.sentence], c.scope) and _PLAINLY_NOT.search(a.sentences[h.sentence].norm)
    ]
    return Outcome(True, a.evidence_for(contrary), missing=c.description or None)
