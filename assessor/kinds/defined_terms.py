"""`defined_terms`: key terms (samen opleiden, leren op de werkplek, ...) are defined.

Fires when the dossier uses the terms (at least `min_uses` times) but defines none of
them: no "onder samen opleiden verstaan wij", "met ... bedoelen we", no glossary.

PASS: "Onder samen opleiden verstaan wij dat school en opleiding samen verantwoordelijk zijn."
FAIL: "Samen opleiden is voor alle scholen belangrijk."
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import DefinedTerms


def run(c: DefinedTerms, a: Analysis) -> Outcome:
    used = sorted(si for si in a.sentences_with(c.terms, c.scope) if not a.is_heading(si))
    if len(used) < c.min_uses:
        return Outcome(False, details={"uses": len(used), "definitions": 0})
    # what the dossier says, not an author's note asking whether to define it
    definitions = {h.sentence for h in a.affirmed(c.definitions, c.scope)}
    # a definition names the term itself, or stands under a heading such as "Begrippen"
    defined = [si for si in used if si in definitions or a.under_heading(c.definitions, si)]
    details = {"uses": len(used), "definitions": len(defined)}
    if defined:
        return Outcome(False, support=a.evidence_for(defined), details=details)
    return Outcome(True, a.evidence_for(used, limit=2), missing=c.description or None, details=details)
