"""`imbalance`: one theme dominates another (schools acting vs. institutes acting).

Counts sentences in which each theme is affirmed; fires when there are at least
`min_total` and the first outnumbers the second by `ratio` or more.

PASS: schools and the pabo are both named as acting, in comparable measure.
FAIL: twelve sentences of what the schools do, one of the hogeschool.
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Imbalance


def run(c: Imbalance, a: Analysis) -> Outcome:
    first = {h.sentence for h in a.affirmed(c.theme, c.scope)}
    second = {h.sentence for h in a.affirmed(c.versus, c.scope)}
    details = {c.theme: len(first), c.versus: len(second)}
    if len(first) + len(second) >= c.min_total and len(first) >= c.ratio * max(len(second), 1):
        return Outcome(True, a.evidence_for(sorted(first)), support=a.evidence_for(sorted(second)), details=details)
    return Outcome(False, support=a.evidence_for(sorted(second)), details=details)
