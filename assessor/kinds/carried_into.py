"""`carried_into`: the themes of one domain (the vision) reappear in the others.

The vision's themes are those of `themes` affirmed in the source domain. Each target
domain should take up at least `min_fraction` of them, or say in so many words that it
follows the vision (the `links` theme: "per visie-element", "vanuit onze visie").
With `own_terms`, the vision's own most distinctive words (its principles, whatever
the author calls them) count as themes too: two of them recurring carry it. With
`within_any`, a theme counts in a target only in a sentence that also matches one of
those themes (an indicator, a norm, an instrument). Fires when
fewer than `min_targets` targets carry the vision; with fewer than `min_themes` vision
themes (and no own terms) there is too little to judge and it stays silent.

PASS: the vision names "onderzoekende houding"; professionalisering and kwaliteitszorg
      work on it too.
FAIL: the vision names "eigenaarschap"; no other chapter returns to it.
"""

from __future__ import annotations

from assessor.analysis import Analysis
from assessor.kinds.outcome import Outcome
from rubric.schema import CarriedInto


def run(c: CarriedInto, a: Analysis) -> Outcome:
    vision = [t for t in c.themes if a.affirmed(t, [c.source])]
    own = a.distinctive_stems(c.source, c.own_terms) if c.own_terms else []
    # a link is what a chapter does now, not what it means to do ("we willen toe naar een
    # kwaliteitszorg die past bij de visie")
    linked = {target: a.affirmed(c.links, [target], ["present", "past"]) if c.links else [] for target in c.targets}
    if not vision and not own and not all(linked.values()):
        return Outcome(True, missing=c.description or None, details={"vision_themes": []})
    if len(vision) < c.min_themes and not own:
        return Outcome(False, details={"vision_themes": vision, "too_few_to_judge": True})
    per_target: dict[str, list[str]] = {}
    weak: list[str] = []
    # "teams" in a sentence on who attends the quality talk carries no vision theme into
    # quality; "teams" in an indicator does
    context = a.sentences_with_any(c.within_any) if c.within_any else None

    def taken(theme: str, target: str) -> bool:
        return any(context is None or h.sentence in context for h in a.affirmed(theme, [target]))

    for target in c.targets:
        taken_up = [t for t in vision if taken(t, target)]
        own_taken = sorted(set(own) & a.stems_in(target))
        per_target[target] = taken_up + own_taken
        carried = (vision and len(taken_up) / len(vision) >= c.min_fraction) or len(own_taken) >= 2
        # a chapter that says it follows the vision ("per visie-element") carries it too
        if not linked[target] and not carried:
            weak.append(target)
    details = {"vision_themes": vision, "own_terms": own, "carried": per_target, "not_carried_into": weak}
    source_hits = [h for t in vision for h in a.affirmed(t, [c.source])]
    carried_hits = [h for t in vision for target in c.targets for h in a.affirmed(t, [target])]
    carried_hits += [h for hits in linked.values() for h in hits]
    needed = c.min_targets or len(c.targets)
    if len(c.targets) - len(weak) < needed:
        return Outcome(True, a.evidence_for(source_hits, limit=2), support=a.evidence_for(carried_hits),
                       missing=c.description or None, details=details)
    return Outcome(False, support=a.evidence_for(source_hits, 1) + a.evidence_for(carried_hits), details=details)
