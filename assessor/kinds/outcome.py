"""What a criterion yields: fired or not, the passages behind it and those against it."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessor.result import Evidence


@dataclass
class Outcome:
    fired: bool
    evidence: list[Evidence] = field(default_factory=list)
    """Passages that show why it fired (or, for `absent`, what the dossier does say)."""
    support: list[Evidence] = field(default_factory=list)
    """Passages that show the opposite: why it did not fire."""
    missing: str | None = None
    details: dict[str, object] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    """What the criterion found, in Dutch sentences for the report (figures, sums)."""
