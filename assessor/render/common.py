"""Small Dutch wording shared by the renderers: where a quote stands, pass/fail words."""

from __future__ import annotations

from assessor.result import Evidence


def where(e: Evidence) -> str:
    """'p. 4, 2.1 Onze visie' for PDF; 'alinea 12, 2.1 Onze visie' for DOCX and text."""
    parts: list[str] = []
    if e.page is not None:
        parts.append(f"p. {e.page}")
    elif e.paragraph is not None:
        parts.append(f"alinea {e.paragraph}")
    if e.section:
        parts.append(e.section)
    return ", ".join(parts) or "plaats onbekend"


def verdict(passed: bool) -> str:
    return "voldoet" if passed else "voldoet niet"
