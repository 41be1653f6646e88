"""`concretised`: the concepts a chapter names are made concrete somewhere.

A concept (a theme such as "eigenaarschap") counts as concrete when one sentence joins
it to practice (who does what, when: "eigenaarschap betekent dat de student per
periode zijn leerdoelen opstelt"). Fires when concepts are named in scope but fewer
than `min_fraction` of them are made concrete anywhere in the dossier.

PASS: "Eigenaarschap betekent concreet dat de student elke periode zijn leerdoelen opstelt."
FAIL: "Wij geloven in eigenaarschap en een onderzoekende houding." and nothing more.
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Concretised


def run(c: Concretised, a: Analysis) -> Outcome:
    named = [t for t in c.concepts if a.affirmed(t, c.scope)]
    if not named:
        return Outcome(False, details={"concepts": []})
    practice = a.sentences_with(c.practice)
    concrete = {t: sorted(a.sentences_with(t) & practice) for t in named}
    made = [t for t, sents in concrete.items() if sents]
    details = {"concepts": named, "concrete": made}
    if len(made) / len(named) < c.min_fraction:
        hits = [h for t in named for h in a.affirmed(t, c.scope)]
        return Outcome(True, a.evidence_for(hits), missing=c.description or None, details=details)
    return Outcome(False, support=a.evidence_for([si for t in made for si in concrete[t]]), details=details)
