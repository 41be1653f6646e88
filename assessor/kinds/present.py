"""`present`: the theme is affirmed in the dossier, in an accepted time frame.

PASS (does not fire for a theme "rests on few people", times [present]):
    "In 2021 rustte alles op twee coördinatoren; nu ligt de uitvoering bij zes teams."
FAIL (fires):
    "De organisatie rust volledig op de schouders van onze coördinator."
With `not_only_defuses` a one-sided view said not to be all ("niet alleen stageplekken
leveren, maar echt samen opleiden") does not fire. With `unless_affirmed` a weak sign
gives way to a stronger one: "ik heb deze aanvraag geschreven" says nothing of a one-sided
vision when the vision chapter tells how pabo and schools wrote it together. With
`unless` a hit in a sentence that also matches another theme does not count (little
contact "met andere partnerschappen" says nothing of this partnership's cohesion).
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Present


def run(c: Present, a: Analysis) -> Outcome:
    hits = [h for h in a.affirmed(c.theme, c.scope, c.times, unless=c.unless) if not (c.not_only_defuses and h.not_only)]
    # ... said elsewhere: "bewust gekozen om alle beschikbare indicatoren mee te nemen" is
    # no choice of what matters
    own = {h.sentence for h in hits}
    if c.unless_affirmed and hits and [
        h for h in a.affirmed(c.unless_affirmed, c.unless_scope, ["present", "past"]) if h.sentence not in own
    ]:
        return Outcome(False, support=a.evidence_for(hits), details={"outweighed_by": c.unless_affirmed})
    if len({h.sentence for h in hits}) >= c.min_hits:
        return Outcome(True, a.evidence_for(hits))
    others = [h for h in a.hits(c.theme) if a.in_scope(a.sentences[h.sentence], c.scope)]
    return Outcome(False, support=a.evidence_for(others))
