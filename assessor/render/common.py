"""Dutch wording shared by every renderer: where a quote stands, level and verdict words.

One place for these phrases keeps the terminal, Markdown, HTML, the letter and the
Word comments saying the same thing in the same words.
"""

from __future__ import annotations

from assessor.result import Check, Concern, Domain, Evidence, Report

SUMMARY_TITLE = "Oordeel per domein"
CHECKS_TITLE = "Dwarsverbanden"
STRENGTHS_TITLE = "Sterke punten"
REPORT_TITLE = "Beoordeling aanvraag aspirant-opleidingsschool"
ZORG = "Zorg"
TIP = "Tip"
MISSING = "Ontbreekt"
RESEMBLES = "Gelijkenis"
KIND = {"draft": "concept", "final": "definitieve versie"}
#: Panel colours per level (red, amber, green, dark green) for HTML and DOCX.
LEVEL_COLOURS = {1: "B91C1C", 2: "B45309", 3: "15803D", 4: "14532D"}


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


def precedent_note(c: Concern) -> str | None:
    """Why a concern that no criterion raised is in the report: what its quote resembles."""
    if c.precedent is None:
        return None
    return (f"Geen criterium sloeg aan, maar de geciteerde passage lijkt sterk op een passage waarvoor deze "
            f"zorg in een gelabeld voorbeelddossier werd gegeven: “{c.precedent}” Lees haar na.")


def verdict(passed: bool) -> str:
    return "voldoet" if passed else "voldoet niet"


def level_text(d: Domain) -> str:
    """'niveau 2 (onvoldoende, op korte termijn reparabel)', flagged when too little text."""
    text = f"niveau {d.level}" + (f" ({d.level_label})" if d.level_label else "")
    return text + ("; te weinig tekst om goed te beoordelen" if d.insufficient_evidence else "")


def domain_title(d: Domain) -> str:
    return d.name or d.code


def check_title(c: Check) -> str:
    return c.name or c.code


def concern_title(c: Concern) -> str:
    return f"{c.code} {c.title}".strip()


def dossier_line(report: Report) -> str:
    """'docx, 31 p., 9120 woorden, concept': what was read, in one line."""
    info = report.dossier
    parts = [info.format or "?"]
    if info.pages:
        parts.append(f"{info.pages} p.")
    if info.words is not None:
        parts.append(f"{info.words} woorden")
    parts.append(KIND.get(info.kind, info.kind))
    return ", ".join(parts)


def rubric_line(report: Report) -> str:
    return f"Rubric: {report.rubric.name} {report.rubric.version}".strip()


def failed_checks(report: Report) -> list[Check]:
    return [c for c in report.checks if not c.passed]


def domain_missing(d: Domain) -> str | None:
    """The domain's own 'missing' sentence, unless a concern of it already says it."""
    if d.missing and all(c.missing != d.missing for c in d.concerns):
        return d.missing
    return None


def evidence_limit(verbose: bool) -> int:
    """How many quotes each judgement shows: a few by default, all when verbose."""
    return 10 if verbose else 2


def failed_text(error: str) -> str:
    return f"Dit dossier kon niet worden gelezen: {error}"
