"""DOCX feedback letter (--format docx) that a panel edits, signs and sends.

A Word file rather than a PDF because the panel adds its own sentences before signing.
It holds the judgement per domain with the level's label, the concerns with zorg and
tips, the checks, and a signature block; the quotes show what each judgement rests on.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from assessor.render.common import (
    CHECKS_TITLE,
    LEVEL_COLOURS,
    MISSING,
    RESEMBLES,
    REPORT_TITLE,
    STRENGTHS_TITLE,
    SUMMARY_TITLE,
    TIP,
    ZORG,
    check_title,
    concern_title,
    domain_missing,
    domain_title,
    dossier_line,
    failed_text,
    level_text,
    precedent_note,
    rubric_line,
    verdict,
    where,
)
from assessor.result import Check, Concern, Domain, Evidence, FailedDossier, Report

_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
AUTHOR = "Panel Samen Opleiden"


def dutch_date(stamp: str) -> str:
    """'2026-11-22T16:16:53+00:00' -> '22 november 2026'; today when the stamp is empty."""
    try:
        day = datetime.fromisoformat(stamp) if stamp else datetime.now()
    except ValueError:
        day = datetime.now()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _set_language(doc, lang: str = "nl-NL") -> None:
    """Mark the text as Dutch so Word's spelling check and hyphenation fit the letter."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def _labelled(doc, label: str, text: str | None) -> None:
    if not text:
        return
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(text)


def _quotes(doc, evidence: list[Evidence]) -> None:
    for e in evidence:
        p = doc.add_paragraph(style="Quote")
        p.add_run(f"“{e.quote}”")
        p.add_run(f" ({where(e)})").italic = False


def _tips(doc, tips: list[str]) -> None:
    if tips:
        doc.add_paragraph().add_run(f"{TIP}s:").bold = True
    for t in tips:
        doc.add_paragraph(t, style="List Bullet")


def _summary_table(doc, report: Report) -> None:
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Domein", "Niveau", "Betekenis")):
        cell.paragraphs[0].add_run(text).bold = True
    for d in report.domains:
        row = table.add_row().cells
        row[0].text = domain_title(d)
        run = row[1].paragraphs[0].add_run(str(d.level))
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(LEVEL_COLOURS.get(d.level, "000000"))
        row[2].text = d.level_label + (" (te weinig tekst)" if d.insufficient_evidence else "")


def _concern(doc, c: Concern) -> None:
    doc.add_heading(concern_title(c), level=3)
    _quotes(doc, c.evidence)
    _labelled(doc, MISSING, c.missing)
    _labelled(doc, RESEMBLES, precedent_note(c))
    _labelled(doc, ZORG, c.zorg)
    _tips(doc, c.tips)


def _domain(doc, d: Domain) -> None:
    doc.add_heading(f"{domain_title(d)}: {level_text(d)}", level=2)
    if d.rationale:
        doc.add_paragraph(d.rationale)
    _labelled(doc, MISSING, domain_missing(d))
    for c in d.concerns:
        _concern(doc, c)
    if d.strengths:
        doc.add_heading(STRENGTHS_TITLE, level=3)
        for s in d.strengths:
            doc.add_paragraph(s.title, style="List Bullet")


def _check(doc, c: Check) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{check_title(c)}: {verdict(c.passed)}").bold = True
    if c.title:
        p.add_run(f" — {c.title}")
    if not c.passed:
        _quotes(doc, c.evidence)
        _labelled(doc, MISSING, c.missing)
        _tips(doc, c.tips)


def _signature(doc) -> None:
    """Greeting and lines to sign, kept together on one page."""
    lines = ["Met vriendelijke groet,", "namens het panel,", "Naam voorzitter: ______________________________",
             "Handtekening: ______________________________", "Plaats en datum: ______________________________"]
    for i, line in enumerate(lines):
        p = doc.add_paragraph(line)
        p.paragraph_format.keep_with_next = i < len(lines) - 1
        if i >= 2:
            p.paragraph_format.space_before = Pt(18)


def _letter(doc, report: Report) -> None:
    doc.add_heading(f"Feedbackbrief: {REPORT_TITLE.lower()}", level=0)
    doc.add_paragraph(f"Dossier: {Path(report.dossier.path).name} ({dossier_line(report)})")
    doc.add_paragraph(f"{rubric_line(report)} · {dutch_date(report.generated_at)}")
    doc.add_paragraph("Geacht partnerschap,")
    doc.add_paragraph(
        "Het panel heeft uw aanvraag beoordeeld op de vier domeinen van samen opleiden. "
        "Hieronder vindt u per domein het niveau met de betekenis ervan, de zorgpunten met "
        "tips om ze weg te nemen, en onze bevindingen over de samenhang van de aanvraag."
    )
    for w in report.dossier.warnings:
        _labelled(doc, "Let op", w)
    doc.add_heading(SUMMARY_TITLE, level=1)
    _summary_table(doc, report)
    for d in report.domains:
        _domain(doc, d)
    doc.add_heading(CHECKS_TITLE, level=1)
    for c in report.checks:
        _check(doc, c)
    _signature(doc)


def render_letter(results: list[Report | FailedDossier]) -> bytes:
    """One letter per dossier, each starting on a new page, in one .docx file."""
    doc = Document()
    _set_language(doc)
    doc.core_properties.title = REPORT_TITLE
    doc.core_properties.author = AUTHOR
    doc.core_properties.language = "nl-NL"
    for i, r in enumerate(results):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if isinstance(r, Report):
            _letter(doc, r)
        else:
            doc.add_heading(REPORT_TITLE, level=0)
            doc.add_paragraph(f"Dossier: {r.dossier.path}")
            doc.add_paragraph(failed_text(r.error))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
