"""Golden extraction per sample: the headings, tables and pages of each dossier's DOCX
and PDF are those of the Markdown source it was built from (samples/src/*.md)."""

from __future__ import annotations

import re

import pytest

from assessor.document import BlockKind
from assessor.extract import extract
from conftest import SAMPLES, sample_ids

_HEADING = re.compile(r"^(#{1,3}) (.+)$")


def source_outline(sample: str) -> tuple[list[tuple[int, str]], int]:
    """(level, title) of every heading, and the number of tables, from the source."""
    text = (SAMPLES / "src" / f"{sample}.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2] if text.startswith("---") else text
    headings = [(len(m.group(1)), m.group(2).strip()) for m in map(_HEADING.match, body.splitlines()) if m]
    # a separator row has dashes: "| | |" is an empty header row, not a second table
    tables = len(re.findall(r"^\|(?=[^\n]*-)[-:| ]+\|\s*$", body, flags=re.M))
    return headings, tables


def _clean(title: str) -> str:
    return re.sub(r"[*_`]", "", title).strip()


@pytest.mark.parametrize("sample", sample_ids())
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_headings_and_tables_match_the_source(sample: str, fmt: str) -> None:
    doc = extract(SAMPLES / f"{sample}.{fmt}")
    want, tables = source_outline(sample)
    got = [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.heading]
    titles = [t for _, t in got]
    # every chapter and section heading of the source is found as a heading, in order
    # (a title may recur, "Uitgangspunt" under two chapters: each is looked for after the last)
    positions: list[int] = []
    for _, t in want:
        after = positions[-1] + 1 if positions else 0
        assert _clean(t) in titles[after:], f"missing or out of order: {t!r}"
        positions.append(titles.index(_clean(t), after))
    # chapters rank above their sections
    level_of = {t: lvl for lvl, t in got}
    for lvl, title in want:
        for lvl2, title2 in want:
            if lvl < lvl2:
                assert level_of[_clean(title)] < level_of[_clean(title2)]
    assert sum(b.kind is BlockKind.table for b in doc.blocks) == tables


@pytest.mark.parametrize("sample", sample_ids())
def test_pdf_pages_are_located(sample: str) -> None:
    doc = extract(SAMPLES / f"{sample}.pdf")
    assert doc.pages and doc.pages >= 2
    pages = [b.page for b in doc.blocks]
    assert all(p is not None and 1 <= p <= doc.pages for p in pages)
    assert pages == sorted(pages), "blocks follow reading order, page by page"
    assert pages[-1] >= doc.pages - 1, "the last pages are read too"


@pytest.mark.parametrize("sample", sample_ids())
def test_docx_paragraphs_are_located(sample: str) -> None:
    doc = extract(SAMPLES / f"{sample}.docx")
    assert doc.pages is None
    numbers = [b.paragraph for b in doc.blocks]
    assert all(n is not None and n >= 1 for n in numbers)
    assert numbers == sorted(numbers)
    # every text block below the first heading knows the heading path above it
    first = next(i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.heading)
    assert all(b.section for b in doc.blocks[first + 1 :] if b.kind is not BlockKind.heading)
