"""The closed set of check kinds. criteria.yaml declares criteria; each names one kind.

One small module per kind, each a pure function `run(criterion, analysis) -> Outcome`
(Vale's internal/check/, yamllint's explicit registry).
"""

from __future__ import annotations

from typing import Callable

from assessor.analysis import Analysis
from assessor.kinds import (
    absent,
    carried_into,
    concretised,
    count,
    defined_terms,
    growth,
    imbalance,
    limited,
    present,
    share,
    smart,
    unwritten,
)
from assessor.kinds.outcome import Outcome
from rubric.schema import CriterionBase

Runner = Callable[[CriterionBase, Analysis], Outcome]

REGISTRY: dict[str, Runner] = {
    "present": present.run,
    "absent": absent.run,
    "limited": limited.run,
    "share": share.run,
    "smart": smart.run,
    "defined_terms": defined_terms.run,
    "carried_into": carried_into.run,
    "concretised": concretised.run,
    "count": count.run,
    "imbalance": imbalance.run,
    "unwritten": unwritten.run,
    "growth": growth.run,
}


def run(criterion: CriterionBase, analysis: Analysis) -> Outcome:
    """Evaluate one criterion; an unknown kind is a bug in the schema, not user input."""
    kind = getattr(criterion, "kind")
    try:
        runner = REGISTRY[kind]
    except KeyError:
        raise LookupError(f"no such check kind: {kind}") from None
    return runner(criterion, analysis)


__all__ = ["Outcome", "REGISTRY", "run"]
