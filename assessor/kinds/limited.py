"""`limited`: a theme is limited to one group or aspect.

Fires when the dossier says so explicitly ("alleen voor werkplekbegeleiders"), or when
the theme is there and none of its alternatives is. "Niet alleen X maar ook Y" and
negated limitations ("wij beperken ons niet tot tevredenheid") do not fire.

PASS: "Niet alleen werkplekbegeleiders, ook alle docenten en instituutsopleiders leren mee."
FAIL: "De scholing is bedoeld voor werkplekbegeleiders en schoolopleiders."
"""

from __future__ import annotations

import re

from assessor.analysis import Analysis, Hit
from assessor.kinds.outcome import Outcome
from rubric.schema import Limited

_CURRENT = ["present", "future"]


def run(c: Limited, a: Analysis) -> Outcome:
    # `within` narrows theme and alternatives to, e.g., sentences about professional
    # development: a director named for a budget talk is no learner. Headings count as
    # they are ("4.3 Alle docenten" heads a section on what all teachers learn).
    within = a.sentences_with(c.within, c.scope) if c.within else None

    def keep(hits):
        return [h for h in hits if within is None or h.sentence in within or a.is_heading(h.sentence)]

    # "de lerarenopleiders volgen hun eigen programma", "de rest volgt de scholingsplannen
    # van de school": others named, but not as learners in the partnership
    elsewhere = a.sentences_with_any(c.alternatives_unless)
    others = [h for h in a.affirmed(c.alternatives, c.alternatives_scope or c.scope, _CURRENT)
              if h.sentence not in elsewhere and not _heading_denied(a, c.alternatives, h)]
    alternatives = keep(others)
    theme = keep(a.affirmed(c.theme, c.scope, _CURRENT))
    # "niet alleen X, ook Y", "beperkt zich niet tot ...": the dossier itself says it is not
    # limited, unless Y is the theme again ("niet alleen voor werkplekbegeleiders, maar ook
    # voor schoolopleiders" names no alternative); a sentence naming an alternative counts
    # also where it leans on the one before for its `within` ("Iedereen blijft zich
    # ontwikkelen. En dat zijn niet alleen de werkplekbegeleiders, maar ook de teams.")
    named_alternative = {h.sentence for h in others}
    candidates = (within | named_alternative) if within is not None else {h.sentence for h in theme}
    broadened = [
        si for si in sorted(candidates)
        if any(cl.not_only for cl in a.sentences[si].clauses)
        and (si in named_alternative or not _also_the_theme(a, si, theme))
    ]
    if broadened:
        return Outcome(False, support=a.evidence_for(broadened), details={"not_only": True})
    limits = {h.sentence for h in a.affirmed(c.explicit, c.scope) if not h.not_only} if c.explicit else set()
    # "richt zich op werkplekbegeleiders en instituutsopleiders" names an alternative: no limitation
    named_too = {h.sentence for h in alternatives}
    explicit = [h for h in theme if not h.not_only and h.sentence in limits and h.sentence not in named_too]
    if explicit:
        return Outcome(True, a.evidence_for(explicit), details={"explicit": True})
    if theme and not alternatives:
        return Outcome(True, a.evidence_for(theme), details={"alternatives": 0})
    return Outcome(False, support=a.evidence_for(alternatives), details={"alternatives": len(alternatives)})


def _heading_denied(a: Analysis, theme: str, hit: Hit) -> bool:
    """A heading whose own section says it is not so ("5.2 De rest van het team" over
    "Voor de rest van het team staat niets gepland") names no alternative."""
    if not a.is_heading(hit.sentence):
        return False
    start, end = a.heading_spans.get(a.sentences[hit.sentence].block, (0, 0))
    return any(h.negated and start < a.sentences[h.sentence].block < end for h in a.hits(theme))


_ALSO = re.compile(r"\bmaar ook\b|, ook\b")


def _also_the_theme(a: Analysis, sentence: int, theme: list[Hit]) -> bool:
    """Whether what follows "maar ook" in a sentence is the theme itself."""
    also = _ALSO.search(a.sentences[sentence].norm)
    return bool(also) and any(h.sentence == sentence and h.start >= also.end() for h in theme)
