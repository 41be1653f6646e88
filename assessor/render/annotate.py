"""Annotated draft (--annotate): the applicant's own DOCX back, with Word comments.

Applicants revise in Word, so feedback belongs in the margin of their own text: every
raised concern, failed check and missing element becomes a comment on the paragraph it
is about, or on the chapter heading of its domain when the dossier lacks something;
every placeholder and unwritten chapter gets one too, and strengths are named where
they stand. The wording is the applicant's (assessor/render/formative.py): what is
missing and the next step, no levels or verdict. The first paragraph carries a
summary. Only comments are added; the text is untouched.

Evidence locates a passage by `paragraph`, the extractor's 1-based body paragraph
number (assessor/extract/docx.py: body paragraphs in reading order, also inside content
controls; table cells and text boxes take no number of their own). That number is
trusted only when the paragraph's text contains the quote; otherwise the quote is
searched for nearest to it, which also finds table rows and text boxes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assessor.analysis import Analysis
from assessor.document import BlockKind, Document
from assessor.errors import DossierError
from assessor.extract import extract
from assessor.extract.docx import MC, W, StyleInfo, _Ctx, _para_info
from assessor.render.common import check_title, domain_title, failed_checks, rubric_line
from assessor.render.formative import (
    ALSO,
    INTRO,
    NEXT,
    OPEN,
    STRENGTH,
    THIN,
    TO_DO,
    UNWRITTEN,
    UNWRITTEN_LINE,
    Lack,
    check_lacks,
    concern_lack,
    feedback,
    headline,
)
from assessor.result import Evidence, Report
from rubric.schema import Rubric

AUTHOR = "Beoordeling Samen Opleiden"
INITIALS = "SO"
_QUOTE_PREFIX = 80  # enough of a quote to be unique, short enough to survive "…" cuts
_CONTAINERS = {W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
_RUNS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:customXml/w:r"


@dataclass
class Note:
    """One comment to add: where (a w:p element) and its paragraphs of text."""

    anchor: object
    lines: list[str] = field(default_factory=list)


def _numbered(container, out: list) -> list:
    """Body paragraphs in the order and by the rule the DOCX extractor numbers them."""
    for child in container:
        if child.tag == W + "p":
            out.append(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _numbered(content, out)
        elif child.tag in _CONTAINERS:
            _numbered(child, out)
        elif child.tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                _numbered(choice, out)
    return out


_PLAIN = _Ctx(styles={}, default_para=StyleInfo(), char_styles={}, default_size=None)


def _text(p) -> str:
    """A paragraph's text exactly as the extractor reads it (so quotes match)."""
    return _para_info(p, _PLAIN, []).text


def _norm(text: str) -> str:
    return " ".join(text.replace("…", " ").split()).casefold()


def _fragments(quote: str) -> list[str]:
    """What to look for: the quote, or for a table row ('Kop: cel | Kop: cel') its cells."""
    out = [quote]
    for part in quote.split(" | ") if " | " in quote else []:
        out += [part, part.split(": ", 1)[-1]]
    return [_norm(f)[:_QUOTE_PREFIX] for f in out if len(f.strip()) >= 4]


class Locator:
    """Finds the w:p elements of the original DOCX that evidence and domains point at."""

    def __init__(self, body, document: Document, block_domains: list[str | None]) -> None:
        self.numbered = _numbered(body, [])
        self.all = list(body.iter(W + "p"))
        self._texts = [_norm(_text(p)) for p in self.all]
        self._index = {id(p): i for i, p in enumerate(self.all)}
        self.first = next((p for p, t in zip(self.all, self._texts) if t), self.all[0] if self.all else None)
        self.chapters: dict[str, int] = {}
        heads = [(b, d) for b, d in zip(document.blocks, block_domains) if b.kind is BlockKind.heading and d]
        for b, d in sorted(heads, key=lambda bd: bd[0].level or 9):  # the chapter, not a subsection
            if b.paragraph is not None:
                self.chapters.setdefault(d, b.paragraph)

    def _at(self, number: int | None):
        if number is None or not 1 <= number <= len(self.numbered):
            return None
        return self.numbered[number - 1]

    def evidence(self, e: Evidence):
        """The paragraph holding the quote: its own number if the text agrees, else the nearest match."""
        expected = self._at(e.paragraph)
        frags = _fragments(e.quote)
        if expected is not None and any(f in self._texts[self._index[id(expected)]] for f in frags[:1]):
            return expected
        start = self._index[id(expected)] if expected is not None else 0
        order = sorted(range(len(self.all)), key=lambda i: abs(i - start))
        for f in frags:
            for i in order:
                if f and f in self._texts[i]:
                    return self.all[i]
        return expected

    def chapter(self, domain: str):
        """The heading of the domain's chapter, where a comment about what is missing goes."""
        heading = self._at(self.chapters.get(domain))
        return heading if heading is not None else self.first


def _located(locator: Locator, evidence: list[Evidence], fallback, lines: list[str], code: str) -> list[Note]:
    """The full comment at the first passage; a short pointer at every further passage."""
    anchors: list = []
    for e in evidence:
        p = locator.evidence(e)
        if p is not None and all(p is not a for a in anchors):
            anchors.append(p)
    if not anchors:
        return [Note(fallback, lines)]
    return [Note(anchors[0], lines)] + [Note(a, [f"{code}: ook deze passage hoort bij dit punt."]) for a in anchors[1:]]


def _lack_lines(lack: Lack, context: str = "") -> list[str]:
    lines = [f"{lack.title} ({context})" if context else lack.title]
    if lack.detail and lack.detail != lack.title:
        lines.append(lack.detail)
    return lines + [f"{NEXT if i == 0 else ALSO}: {t}" for i, t in enumerate(lack.steps)]


def notes(report: Report, locator: Locator) -> list[Note]:
    """Every comment for the report, summary first, in the applicant's wording
    (assessor/render/formative.py): what is missing and the next step, no verdict.
    Reads the result model only."""
    f = feedback(report)
    out: list[Note] = []
    # the places still to fill in: one comment per paragraph
    places: list[tuple[object, list[str]]] = []
    for p in report.dossier.placeholders:
        anchor = locator.evidence(p)
        if anchor is None:
            continue
        if places and places[-1][0] is anchor:
            places[-1][1].append(p.text)
        else:
            places.append((anchor, [p.text]))
    for anchor, texts in places:
        counted = [t if texts.count(t) == 1 else f"{t} ({texts.count(t)}×)" for t in dict.fromkeys(texts)]
        out.append(Note(anchor, [f"{OPEN}: " + ", ".join(counted)]))
    for e in report.dossier.unwritten:
        anchor = locator.evidence(e)
        out.append(Note(anchor if anchor is not None else locator.first, [f"{UNWRITTEN}: {UNWRITTEN_LINE}."]))
    for d, fb in zip(report.domains, f.domains):
        heading = locator.chapter(d.code)
        if d.insufficient_evidence:
            out.append(Note(heading, _lack_lines(Lack(title=THIN, detail=d.missing, steps=list(d.tips)), domain_title(d))))
        for c in d.concerns:
            out += _located(locator, c.evidence, heading, _lack_lines(concern_lack(c), domain_title(d)), c.code)
        for title, e in fb.have:
            if e is not None:
                out += _located(locator, [e], heading, [f"{STRENGTH} ({domain_title(d)}): {title}"], "")
    for c in failed_checks(report):
        for n, cause in enumerate(check_lacks(c)):
            lines = [f"{TO_DO} ({check_title(c)}): {cause.title}"]
            if cause.detail and cause.detail != cause.title:
                lines.append(cause.detail)
            if n == 0:  # the check's tips once, with its first cause
                lines += [f"{NEXT if i == 0 else ALSO}: {t}" for i, t in enumerate(c.tips)]
            out += _located(locator, cause.evidence[:1], locator.first, lines, check_title(c))
    summary = [
        f.title,
        INTRO,
        headline(f),
        *(f"{d.title}: {len(d.have)} {'sterk punt' if len(d.have) == 1 else 'sterke punten'}, "
          f"{len(d.lacks)} {'punt' if len(d.lacks) == 1 else 'punten'} om aan te werken." for d in f.domains),
        f"De {len(out)} opmerkingen in de kantlijn staan bij de passage waar ze over gaan, "
        "of bij de hoofdstuktitel als er iets ontbreekt.",
        rubric_line(report),
    ]
    return [Note(locator.first, summary), *out]


def _runs(p, paragraph: Paragraph) -> list[Run]:
    return [Run(r, paragraph) for r in p.xpath(_RUNS)]


def annotate_docx(data: bytes, report: Report, document: Document, block_domains: list[str | None]) -> tuple[bytes, int]:
    """Add the comments to a copy of the DOCX; returns its bytes and the comment count."""
    doc = docx.Document(io.BytesIO(data))
    locator = Locator(doc.element.body, document, block_domains)
    if locator.first is None:
        raise DossierError(report.dossier.path, "has no paragraphs to comment on")
    added = 0
    for note in notes(report, locator):
        anchor = note.anchor if note.anchor is not None else locator.first
        paragraph = Paragraph(anchor, doc._body)
        runs = _runs(anchor, paragraph) or _runs(locator.first, Paragraph(locator.first, doc._body))
        if not runs:
            continue
        comment = doc.add_comment(runs, text=note.lines[0], author=AUTHOR, initials=INITIALS)
        for line in note.lines[1:]:
            comment.add_paragraph(line)
        added += 1
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), added


def annotate_file(path: Path, report: Report, rubric: Rubric) -> tuple[bytes, int]:
    """Annotate the dossier the report was made from; refuses a file that changed since."""
    document = extract(path)
    if document.format != "docx":
        raise DossierError(str(path), f"is {document.format}, not DOCX; --annotate needs a Word document")
    if report.dossier.sha256 and report.dossier.sha256 != document.sha256:
        raise DossierError(str(path), "changed while it was being assessed; run again")
    return annotate_docx(path.read_bytes(), report, document, Analysis(document, rubric).block_domains)
