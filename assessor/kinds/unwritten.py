"""`unwritten`: a domain is not written out, or a chapter is empty or holds only notes.

A domain is written out when it has at least `min_sentences` sentences of running text
(default: the domain's own `min_sentences`, the same bar below which its level reports
insufficient evidence); placeholders, draft markers and bracketed notes do not count.
With `chapters`, a chapter that is empty or holds only notes and placeholders also
fires it. Evidence: each such chapter's heading, so every failure says where it is.

PASS: four chapters, each with a few sentences of running text.
FAIL: "# Kwaliteitszorg\\n- nog invullen"
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from assessor.result import Evidence
from rubric.schema import Unwritten


def run(c: Unwritten, a: Analysis) -> Outcome:
    codes = [d.code for d in a.rubric.domains] if c.domains == "all" else c.domains
    counts = a.domain_sentence_counts
    bar = {d.code: c.min_sentences or d.min_sentences for d in a.rubric.domains}
    thin = [d for d in codes if counts.get(d, 0) < bar.get(d, 1)]
    blocks = a.document.blocks
    chapters = a.unwritten_chapters if c.chapters else []
    evidence = [
        Evidence(quote=blocks[i].text, page=blocks[i].page, section=blocks[i].text, paragraph=blocks[i].paragraph, block=i)
        for i in chapters
    ]
    names = {d.code: d.name for d in a.rubric.domains}
    details = {
        "sentences": {d: counts.get(d, 0) for d in codes},
        "thin_domains": thin,
        "unwritten_chapters": [blocks[i].text for i in chapters],
    }
    if not thin and not chapters:
        return Outcome(False, details=details)
    # a thin domain whose own chapter is already cited needs no sentence of its own
    cited = {a.block_domains[i] for i in chapters}
    uncited = [d for d in thin if d not in cited]
    missing = None
    if uncited:
        missing = "Niet uitgeschreven: " + ", ".join(
            f"{names.get(d, d).lower()} ({counts.get(d, 0)} zinnen)" for d in uncited
        ) + "."
    return Outcome(True, evidence, missing=missing, details=details)
