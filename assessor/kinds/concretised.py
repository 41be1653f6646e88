"""`concretised`: the concepts a chapter names are made concrete somewhere.

A concept (a theme such as "eigenaarschap") counts as concrete when it is joined to
practice in the same sentence or in one of the two around it (who does what, when: "eigenaarschap betekent dat de student per
periode zijn leerdoelen opstelt"). Fires when concepts are named in scope but fewer
than `min_fraction` of them are made concrete anywhere in the dossier; with fewer than
`min_concepts` named it stays silent (one generic word says too little), unless the
scope runs to eight sentences or more without one about practice (slogans of the
author's own: "binden, boeien, behouden").

PASS: "Eigenaarschap betekent concreet dat de student elke periode zijn leerdoelen opstelt."
FAIL: "Wij geloven in eigenaarschap en een onderzoekende houding." and nothing more.
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import Concretised


_WINDOW = 2  # a concept is often made concrete in the next sentence or two
_ABSTRACT_CHAPTER = 8  # sentences: fewer say too little to call the chapter abstract


def _near(a: Analysis, sentences: set[int]) -> set[int]:
    """The sentences themselves and their neighbours in the same section."""
    out: set[int] = set()
    for si in sentences:
        for j in range(max(0, si - _WINDOW), min(len(a.sentences), si + _WINDOW + 1)):
            if a.sentences[j].domain == a.sentences[si].domain:
                out.add(j)
    return out


def run(c: Concretised, a: Analysis) -> Outcome:
    named = [t for t in c.concepts if a.affirmed(t, c.scope)]
    if len(named) < c.min_concepts:
        # slogans and values of the author's own ("binden, boeien, behouden") name no known
        # concept; a chapter of some length with not one sentence of practice is still abstract
        written = [s.index for s in a.sentences if a.in_scope(s, c.scope) and not a.is_heading(s.index)]
        if len(written) >= _ABSTRACT_CHAPTER and not set(written) & a.sentences_with(c.practice):
            return Outcome(True, a.evidence_for(written[:1]), missing=c.description or None, details={"concepts": named, "practice": 0})
        return Outcome(False, details={"concepts": named, "too_few_to_judge": True})
    practice = a.sentences_with(c.practice)
    concrete = {t: sorted(_near(a, a.sentences_with(t)) & practice) for t in named}
    made = [t for t, sents in concrete.items() if sents]
    details = {"concepts": named, "concrete": made}
    if len(made) / len(named) < c.min_fraction:
        hits = [h for t in named for h in a.affirmed(t, c.scope)]
        return Outcome(True, a.evidence_for(hits), missing=c.description or None, details=details)
    return Outcome(False, support=a.evidence_for([si for t in made for si in concrete[t]]), details=details)
