"""Extraction on real files: a small dossier written with python-docx, the same dossier
converted to PDF by LibreOffice, damaged and foreign files, and the real-world PDFs."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from assessor.document import BlockKind
from assessor.errors import DossierError
from assessor.extract import extract

REALWORLD = Path("/work/shared/realworld-pdfs")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NEEDS_SOFFICE = pytest.mark.skipif(
    SOFFICE is None, reason="install LibreOffice: apt-get install libreoffice-writer-nogui"
)

HEADER_TEXT = "KOPTEKST Testpartnerschap vertrouwelijk"
FOOTER_TEXT = "VOETTEKST versie 0.9"
TABLE = [
    ["Doel", "Eigenaar", "Datum"],
    ["Meer studenten opleiden", "Stuurgroep", "2026"],
    ["Begeleiders geschoold", "Schoolopleider", "juni 2025"],
]
FILLER = (
    "De scholen en de lerarenopleiding leiden studenten samen op in de praktijk van de school. "
    "Werkplekbegeleiders en schoolopleiders begeleiden de studenten op de werkplek en "
    "bespreken hun ontwikkeling met de instituutsopleiders. "
)

# (text, level) in reading order; the manual heading gets the same level as Heading 1
# (its size, 14 pt bold, equals Heading 1 in python-docx's template).
EXPECTED_HEADINGS = [
    ("Aanvraag Testpartnerschap", 1),
    ("1. Visie op samen opleiden", 1),
    ("1.1 Gedeelde visie", 2),
    ("Samenwerking en organisatie", 1),
    ("2. Kwaliteitszorg", 1),
    ("2.1 Evaluatie", 2),
]


def _page_field(paragraph) -> None:
    for kind in ("begin", None, "separate", "1", "end"):
        run = paragraph.add_run()
        if kind in ("begin", "separate", "end"):
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif kind is None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
            run._r.append(el)
        else:
            run.text = kind


def make_dossier(path: Path) -> Path:
    doc = new_docx()
    section = doc.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    fp = section.footer.paragraphs[0]
    fp.add_run(FOOTER_TEXT + " - ")
    _page_field(fp)

    doc.add_paragraph("Aanvraag Testpartnerschap", style="Title")
    doc.add_paragraph("Sector: primair onderwijs")
    doc.add_heading("1. Visie op samen opleiden", level=1)
    doc.add_paragraph(FILLER * 2)
    p = doc.add_paragraph("De ")
    p.add_run("samen-")
    p.add_run().add_break()  # line break after a hyphen: the PDF shows "samen-" / "werking"
    p.add_run("werking tussen de po-scholen en de pabo is hecht.")
    doc.add_heading("1.1 Gedeelde visie", level=2)
    doc.add_paragraph("We delen drie uitgangspunten:")
    for item in ("leren op de werkplek staat centraal", "de student is mede-eigenaar van het leren", "we evalueren jaarlijks"):
        doc.add_paragraph(item, style="List Bullet")
    manual = doc.add_paragraph()
    run = manual.add_run("Samenwerking en organisatie")
    run.bold = True
    run.font.size = Pt(14)
    doc.add_paragraph(FILLER)
    table = doc.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("Na de tabel volgt gewone tekst.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("2. Kwaliteitszorg", level=1)
    doc.add_paragraph(FILLER * 3)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("2.1 Evaluatie", level=2)
    doc.add_paragraph(FILLER * 2)
    doc.save(path)
    return path


def soffice_convert(src: Path, outdir: Path, fmt: str = "pdf") -> Path:
    profile = outdir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", fmt, "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    out = outdir / f"{src.stem}.{fmt}"
    assert out.exists(), f"soffice did not write {out}"
    return out


@pytest.fixture(scope="module")
def dossier_docx(tmp_path_factory) -> Path:
    return make_dossier(tmp_path_factory.mktemp("docx") / "dossier.docx")


@pytest.fixture(scope="module")
def dossier_pdf(dossier_docx, tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("install LibreOffice: apt-get install libreoffice-writer-nogui")
    return soffice_convert(dossier_docx, tmp_path_factory.mktemp("pdf"))


def _check_common(doc) -> None:
    assert [(h.text, h.level) for h in doc.headings()] == EXPECTED_HEADINGS
    text = doc.text
    assert "KOPTEKST" not in text and "vertrouwelijk" not in text
    assert "VOETTEKST" not in text
    assert "samenwerking tussen de po-scholen" in text
    assert "samen- werking" not in text and "samen-werking" not in text
    tables = [b for b in doc.blocks if b.kind is BlockKind.table]
    assert len(tables) == 1
    assert tables[0].cells == tuple(tuple(r) for r in TABLE)
    # the table's text is not repeated as paragraphs
    assert not any("Stuurgroep" in b.text for b in doc.blocks if b.kind is not BlockKind.table)
    assert tables[0].section == ("Samenwerking en organisatie",)
    items = [b.text for b in doc.blocks if b.kind is BlockKind.list_item]
    assert items == [
        "leren op de werkplek staat centraal",
        "de student is mede-eigenaar van het leren",
        "we evalueren jaarlijks",
    ]
    assert all(b.section == ("1. Visie op samen opleiden", "1.1 Gedeelde visie") for b in doc.blocks if b.kind is BlockKind.list_item)
    evaluatie = next(b for b in doc.blocks if b.section[-1:] == ("2.1 Evaluatie",))
    assert evaluatie.section == ("2. Kwaliteitszorg", "2.1 Evaluatie")
    assert evaluatie.kind is BlockKind.paragraph
    assert len(doc.sha256) == 64


def test_docx_dossier(dossier_docx):
    doc = extract(dossier_docx)
    assert doc.format == "docx"
    assert doc.pages is None
    _check_common(doc)
    assert all(b.page is None and b.paragraph for b in doc.blocks)
    numbers = [b.paragraph for b in doc.blocks]
    assert numbers == sorted(numbers)
    assert doc.blocks[0].paragraph == 1  # the title is the first body paragraph


@NEEDS_SOFFICE
def test_pdf_dossier(dossier_pdf):
    doc = extract(dossier_pdf)
    assert doc.format == "pdf"
    assert doc.pages == 3
    _check_common(doc)
    pages = {h.text: h.page for h in doc.headings()}
    assert pages == {
        "Aanvraag Testpartnerschap": 1,
        "1. Visie op samen opleiden": 1,
        "1.1 Gedeelde visie": 1,
        "Samenwerking en organisatie": 1,
        "2. Kwaliteitszorg": 2,
        "2.1 Evaluatie": 3,
    }
    assert all(b.page for b in doc.blocks)
    assert not any(b.text.strip().isdigit() for b in doc.blocks), "page numbers must be dropped"


@NEEDS_SOFFICE
def test_pdf_and_docx_agree(dossier_docx, dossier_pdf):
    a, b = extract(dossier_docx), extract(dossier_pdf)
    assert [(x.kind, x.level, x.text) for x in a.blocks] == [(x.kind, x.level, x.text) for x in b.blocks]


@NEEDS_SOFFICE
def test_pdf_renamed_docx_is_read_as_pdf(dossier_pdf, tmp_path):
    fake = tmp_path / "dossier.docx"
    fake.write_bytes(dossier_pdf.read_bytes())
    doc = extract(fake)
    assert doc.format == "pdf"
    assert doc.headings()[1].text == "1. Visie op samen opleiden"


@NEEDS_SOFFICE
def test_truncated_pdf(dossier_pdf, tmp_path):
    data = dossier_pdf.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 100):
        bad = tmp_path / f"cut{cut}.pdf"
        bad.write_bytes(data[:cut])
        try:
            doc = extract(bad)  # PDFium may recover part of a file: fine, if it is text
        except DossierError as exc:
            assert exc.path == str(bad)
            assert "\n" not in exc.reason
        else:
            assert doc.blocks


@NEEDS_SOFFICE
def test_odt_renamed_docx(dossier_docx, tmp_path):
    odt = soffice_convert(dossier_docx, tmp_path, "odt")
    fake = tmp_path / "aanvraag.docx"
    fake.write_bytes(odt.read_bytes())
    with pytest.raises(DossierError, match="is an OpenDocument file, save it as .docx or .pdf"):
        extract(fake)


def test_odt_handmade(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    path = tmp_path / "x.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(DossierError, match="OpenDocument"):
        extract(path)


# --------------------------------------------------------------------------- clean errors


def _reason(path) -> str:
    with pytest.raises(DossierError) as info:
        extract(path)
    exc = info.value
    assert exc.path == str(path)
    assert "\n" not in str(exc)
    return exc.reason


def test_empty_file(tmp_path):
    p = tmp_path / "leeg.pdf"
    p.write_bytes(b"")
    assert "empty" in _reason(p)


def test_missing_file(tmp_path):
    assert "no such file" in _reason(tmp_path / "nope.pdf")


def test_random_bytes(tmp_path):
    p = tmp_path / "random.docx"
    p.write_bytes(os.urandom(8192))
    assert "unknown format" in _reason(p)


def test_truncated_docx(dossier_docx, tmp_path):
    data = dossier_docx.read_bytes()
    p = tmp_path / "half.docx"
    p.write_bytes(data[: len(data) // 2])
    assert "damaged" in _reason(p)


def test_zip_without_word_part(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hallo")
    p = tmp_path / "archief.docx"
    p.write_bytes(buf.getvalue())
    assert "ZIP archive" in _reason(p)


def test_old_doc(tmp_path):
    p = tmp_path / "oud.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".doc" in _reason(p)


def _rewrite_docx(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return dst


def test_docx_with_entities_is_refused(dossier_docx, tmp_path):
    with zipfile.ZipFile(dossier_docx) as zf:
        xml = zf.read("word/document.xml")
    decl_end = xml.index(b"?>") + 2
    bomb = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    bad = _rewrite_docx(dossier_docx, tmp_path / "xxe.docx", {"word/document.xml": xml[:decl_end] + bomb + xml[decl_end:]})
    assert "DOCTYPE" in _reason(bad)


def test_docx_zip_bomb_is_refused(dossier_docx, tmp_path, monkeypatch):
    import assessor.extract.docx as docx_mod

    monkeypatch.setattr(docx_mod, "MAX_DOCUMENT_XML_BYTES", 1000)
    assert "zip bomb" in _reason(dossier_docx)


def test_docx_damaged_xml(dossier_docx, tmp_path):
    bad = _rewrite_docx(dossier_docx, tmp_path / "bad.docx", {"word/document.xml": b"<w:document><unclosed>"})
    assert "damaged" in _reason(bad)


# --------------------------------------------------------------------------- encrypted PDF

PASSWORD_PDF = REALWORLD / "libreoffice-writer-password.pdf"


@pytest.mark.skipif(not PASSWORD_PDF.exists(), reason="real-world PDFs not present")
def test_encrypted_pdf():
    assert "password" in _reason(PASSWORD_PDF)
    with pytest.raises(DossierError, match="password given is wrong"):
        extract(PASSWORD_PDF, password="verkeerd")
    doc = extract(PASSWORD_PDF, password="openpassword")
    assert doc.format == "pdf" and doc.blocks


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="real-world PDFs not present")
@pytest.mark.parametrize("name", sorted(p.name for p in REALWORLD.glob("*.pdf")) if REALWORLD.is_dir() else [])
def test_realworld_pdfs_extract_or_refuse(name):
    path = REALWORLD / name
    start = time.perf_counter()
    try:
        doc = extract(path)
    except DossierError as exc:
        assert exc.path == str(path) and exc.reason and "\n" not in exc.reason
    else:
        assert doc.blocks and doc.pages
        assert all(b.page and 1 <= b.page <= doc.pages for b in doc.blocks)
    assert time.perf_counter() - start < 5


# --------------------------------------------------------------------------- text formats


def test_markdown(tmp_path):
    p = tmp_path / "dossier.md"
    p.write_text(
        "---\ntitle: x\n---\n# Visie\n\nWe leiden **samen** op.\nTweede regel.\n\n"
        "## Doelen\n\n- eerste doel\n- tweede doel\n\n| Doel | Eigenaar |\n|---|---|\n| A | B |\n",
        encoding="utf-8",
    )
    doc = extract(p)
    assert doc.format == "md"
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("heading", "Visie"),
        ("paragraph", "We leiden samen op. Tweede regel."),
        ("heading", "Doelen"),
        ("list_item", "eerste doel"),
        ("list_item", "tweede doel"),
        ("table", "Doel | Eigenaar\nA | B"),
    ]
    assert doc.blocks[-1].cells == (("Doel", "Eigenaar"), ("A", "B"))
    assert doc.blocks[-1].section == ("Visie", "Doelen")
    assert [b.paragraph for b in doc.blocks] == [1, 2, 3, 4, 5, 6]


def test_text_file_named_pdf_is_text(tmp_path):
    p = tmp_path / "notitie.pdf"
    p.write_text("Eerste alinea.\n\nTweede alinea.\n", encoding="utf-8")
    doc = extract(p)
    assert doc.format == "txt"
    assert [b.text for b in doc.blocks] == ["Eerste alinea.", "Tweede alinea."]


# --------------------------------------------------------------------------- samples/build.py

SAMPLE_SOURCE = """---
title: Aanvraag Proefpartnerschap
sector: po
heading_style: manual
running_header: Proefpartnerschap - aanvraag
page_numbers: true
---
# 1 Visie

We leiden **samen** op in de school.
Deze regel hoort bij dezelfde alinea.

## 1.1 Uitgangspunten

- leren op de werkplek
- samen beoordelen

1. eerste stap
2. tweede stap

| Doel | Eigenaar |
|---|---|
| Alle studenten in het partnerschap | Stuurgroep |

\\pagebreak

# 2 Kwaliteitszorg

We evalueren elk jaar met alle partners.
"""


def _build(tmp_path, pdf: bool):
    import importlib.util

    spec = importlib.util.spec_from_file_location("samples_build", Path(__file__).parent.parent / "samples" / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # dataclasses look their module up
    spec.loader.exec_module(build)
    src = tmp_path / "src" / "proef.md"
    src.parent.mkdir()
    src.write_text(SAMPLE_SOURCE, encoding="utf-8")
    return build, build.build([src], pdf=pdf, outdir=tmp_path)


def test_build_docx_is_deterministic(tmp_path):
    build, (docx_path,) = _build(tmp_path, pdf=False)
    first = docx_path.read_bytes()
    build.build([tmp_path / "src" / "proef.md"], pdf=False, outdir=tmp_path)
    assert docx_path.read_bytes() == first
    doc = extract(docx_path)
    assert [(h.text, h.level) for h in doc.headings()] == [
        ("Aanvraag Proefpartnerschap", 1),
        ("1 Visie", 1),
        ("1.1 Uitgangspunten", 2),
        ("2 Kwaliteitszorg", 1),
    ]
    assert "We leiden samen op in de school. Deze regel hoort bij dezelfde alinea." in doc.text
    assert [b.text for b in doc.blocks if b.kind is BlockKind.list_item] == [
        "leren op de werkplek", "samen beoordelen", "eerste stap", "tweede stap",
    ]
    table = next(b for b in doc.blocks if b.kind is BlockKind.table)
    assert table.cells == (("Doel", "Eigenaar"), ("Alle studenten in het partnerschap", "Stuurgroep"))


@NEEDS_SOFFICE
def test_build_pdf_matches_docx(tmp_path):
    _, written = _build(tmp_path, pdf=True)
    docx_path, pdf_path = written
    a, b = extract(docx_path), extract(pdf_path)
    assert [(x.kind, x.level, x.text) for x in a.blocks] == [(x.kind, x.level, x.text) for x in b.blocks]
    assert "Proefpartnerschap - aanvraag" not in b.text and "Pagina" not in b.text
    assert {h.text: h.page for h in b.headings()}["2 Kwaliteitszorg"] == 3  # title page, page break


def test_docx_without_text(tmp_path):
    p = tmp_path / "leeg.docx"
    new_docx().save(p)
    assert "no text" in _reason(p)


def test_a_table_row_broken_by_the_page_is_glued_back_together() -> None:
    """A row whose label goes on in lower case on the next page is one row, and a word cut
    at the page break ("Clusterrapporta" / "ge") is one word where the document knows it."""
    from assessor.extract.common import Vocabulary, join_lines
    from assessor.extract.pdf import Table, _continue_table

    def row(*cells: str) -> list[list[tuple[str, bool]]]:
        return [[(c, True)] for c in cells]

    vocab = Vocabulary(["De clusterrapportage gaat twee keer per jaar naar het programmateam."])
    first = Table(7, (0, 0, 1, 1), [row("Visie-element", "Bron"), row("Iedereen leert", "Clusterrapporta")])
    cont = Table(8, (0, 0, 1, 1), [row("mee", "ge"), row("Kansengelijkheid", "Vragenlijst")])
    _continue_table(first, cont, lambda c: join_lines([t for t, _ in c]), vocab)
    text = [[join_lines([t for t, _ in c], vocab, [s for _, s in c]) for c in r] for r in first.rows]
    assert text == [["Visie-element", "Bron"], ["Iedereen leert mee", "Clusterrapportage"], ["Kansengelijkheid", "Vragenlijst"]]
