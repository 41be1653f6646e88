"""`count`: a theme occurs in many distinct forms (e.g. instruments) without a choice.

Fires when at least `at_least` distinct matches are found and the `unless` theme
(a stated choice: "we kiezen bewust voor") is not affirmed.

PASS: "We gebruiken bewust alleen twee instrumenten: het studentpanel en de jaarevaluatie."
FAIL: a chapter listing enquête, monitor, vragenlijst, panelgesprek, audit, dashboard.
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Count


def run(c: Count, a: Analysis) -> Outcome:
    hits = [h for h in a.hits(c.theme) if a.in_scope(a.sentences[h.sentence], c.scope) and h.affirmed and h.time in c.times]
    distinct = sorted({h.match.rstrip("s") for h in hits})
    details = {"distinct": distinct, "count": len(distinct)}
    choice = a.affirmed(c.unless, c.scope) if c.unless else []
    if len(distinct) >= c.at_least and not choice:
        return Outcome(True, a.evidence_for(hits), details=details)
    return Outcome(False, support=a.evidence_for(choice), details=details)
