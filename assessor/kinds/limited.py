"""`limited`: a theme is limited to one group or aspect.

Fires when the dossier says so explicitly ("alleen voor werkplekbegeleiders"), or when
the theme is there and none of its alternatives is. "Niet alleen X maar ook Y" and
negated limitations ("wij beperken ons niet tot tevredenheid") do not fire.

PASS: "Niet alleen werkplekbegeleiders, ook alle docenten en instituutsopleiders leren mee."
FAIL: "De scholing is bedoeld voor werkplekbegeleiders en schoolopleiders."
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Limited

_CURRENT = ["present", "future"]


def run(c: Limited, a: Analysis) -> Outcome:
    # `within` narrows the theme to, e.g., sentences about professional development; the
    # alternatives count wherever they stand in scope ("4.3 Alle docenten")
    within = a.sentences_with(c.within, c.scope) if c.within else None

    def keep(hits):
        return [h for h in hits if within is None or h.sentence in within]

    alternatives = a.affirmed(c.alternatives, c.alternatives_scope or c.scope, _CURRENT)
    theme = keep(a.affirmed(c.theme, c.scope, _CURRENT))
    if any(h.not_only for h in theme):  # "niet alleen X, ook Y": the dossier itself says it is not limited
        return Outcome(False, support=a.evidence_for([h for h in theme if h.not_only]), details={"not_only": True})
    limits = {h.sentence for h in a.affirmed(c.explicit, c.scope) if not h.not_only} if c.explicit else set()
    explicit = [h for h in theme if not h.not_only and h.sentence in limits]
    if explicit:
        return Outcome(True, a.evidence_for(explicit), details={"explicit": True})
    if theme and not alternatives:
        return Outcome(True, a.evidence_for(theme), details={"alternatives": 0})
    return Outcome(False, support=a.evidence_for(alternatives), details={"alternatives": len(alternatives)})
