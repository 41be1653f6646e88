"""Property-based tests (hypothesis): mutated PDF, DOCX, text and YAML fed to the
extractors and the rubric loader give a result or a clean error, nothing else.

A clean error is a `DossierError` naming the file with a one-line reason, or a
`RubricError` whose every problem is one `file:line:col: message` line inside the file.
Example counts are modest so that this file runs in about a minute; raise them locally
with HYPOTHESIS_MAX_EXAMPLES=1000 to search harder.
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as new_docx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assessor.document import Document
from assessor.engine import assess
from assessor.errors import DossierError, RubricError
from assessor.extract import extract
from conftest import SAMPLES
from rubric.loader import DEFAULT_RUBRIC, load_rubric

SCALE = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "0")) or None


def examples(n: int) -> settings:
    return settings(
        max_examples=SCALE or n,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutants")


def assert_clean_extract(path: Path, rubric=None) -> Document | None:
    """Extract `path`: a document with text, or a one-line DossierError naming it.
    With `rubric`, an extracted document is also assessed."""
    try:
        doc = extract(path)
    except DossierError as exc:
        assert exc.path == str(path)
        assert exc.reason and "\n" not in str(exc) and "Traceback" not in exc.reason
        event("refused: " + re.sub(r"\(.*|\d+", "", exc.reason)[:40])
        return None
    event("extracted")
    assert doc.blocks and doc.sha256
    if rubric is not None:
        report = assess(doc, rubric)
        assert len(report.domains) == 4
    return doc


# --------------------------------------------------------------------------- byte mutations


NUMBERS = [b"0", b"-1", b"1", b"65535", b"2147483648", b"99999999999", b"-0.0", b"1e308", b"NaN"]


def mutate(data: bytes, edits: list[tuple]) -> bytes:
    buf = bytearray(data)
    for kind, at, arg in edits:
        if not buf:
            break
        at %= len(buf)
        if kind == "flip":
            buf[at] ^= arg
        elif kind == "cut":
            del buf[at : at + arg]
        elif kind == "insert":
            buf[at:at] = arg
        elif kind == "truncate":
            del buf[max(at, 1) :]
        elif kind == "repeat":
            buf[at:at] = buf[at : at + arg]
        elif kind == "number":  # the arg-th number from `at` on becomes an extreme one
            m = re.compile(rb"\d+").search(bytes(buf), at)
            if m:
                buf[m.start() : m.end()] = NUMBERS[arg % len(NUMBERS)]
    return bytes(buf)


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("flip"), st.integers(0, 2**24), st.integers(1, 255)),
        st.tuples(st.just("cut"), st.integers(0, 2**24), st.integers(1, 4096)),
        st.tuples(st.just("insert"), st.integers(0, 2**24), st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("truncate"), st.integers(0, 2**24), st.just(0)),
        st.tuples(st.just("repeat"), st.integers(0, 2**24), st.integers(1, 2048)),
        st.tuples(st.just("number"), st.integers(0, 2**24), st.integers(0, 100)),
    ),
    min_size=1,
    max_size=8,
)


@pytest.fixture(scope="module")
def small_pdf(workdir) -> bytes:
    """Three pages of a sample dossier: headings, lists, a running header."""
    src = pdfium.PdfDocument(SAMPLES / "01-po-de-brug.pdf")
    out = pdfium.PdfDocument.new()
    out.import_pages(src, pages=[1, 2, 3])
    path = workdir / "klein.pdf"
    out.save(path)
    return path.read_bytes()


@given(edits=EDITS)
@examples(60)
def test_mutated_pdf_gives_a_document_or_a_clean_error(small_pdf, workdir, edits):
    path = workdir / "mutant.pdf"
    path.write_bytes(mutate(small_pdf, edits))
    assert_clean_extract(path)


@pytest.fixture(scope="module")
def small_docx(workdir) -> bytes:
    doc = new_docx()
    doc.add_heading("1 Visie op samen opleiden", level=1)
    doc.add_paragraph("De scholen en de pabo leiden studenten samen op; de student leert op de werkplek.")
    for item in ("werkplekbegeleiders zijn geschoold", "we evalueren elk jaar"):
        doc.add_paragraph(item, style="List Bullet")
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([["Doel", "Wie"], ["Meer studenten", "Stuurgroep"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_heading("2 Kwaliteitszorg", level=1)
    doc.add_paragraph("We meten de tevredenheid en bespreken de resultaten met alle partners.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@given(edits=EDITS)
@examples(50)
def test_mutated_docx_bytes_give_a_document_or_a_clean_error(small_docx, workdir, edits):
    path = workdir / "mutant.docx"
    path.write_bytes(mutate(small_docx, edits))
    assert_clean_extract(path)


# Whole elements (the XML stays well-formed where they land between tags) and a few
# broken ones.
XML_PIECES = [
    "<w:p/>", "<w:p><w:r><w:t>x</w:t></w:r></w:p>", "<w:r><w:t xml:space=\"preserve\">  x  </w:t></w:r>",
    "<w:r><w:t>&amp; &#x10FFFF; &lt;!DOCTYPE&gt;</w:t></w:r>", "<w:tbl/>", "<w:tbl><w:tr/></w:tbl>",
    "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>",
    "<w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val=\"1000000\"/></w:tcPr></w:tc></w:tr>",
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>", "<w:pPr><w:pStyle w:val=\"Kop 9\"/></w:pPr>",
    "<w:pPr><w:outlineLvl w:val=\"99\"/></w:pPr>", "<w:pPr><w:outlineLvl w:val=\"-3\"/></w:pPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"-1\"/><w:numId w:val=\"999\"/></w:numPr></w:pPr>",
    "<w:rPr><w:sz w:val=\"abc\"/><w:b w:val=\"maybe\"/></w:rPr>", "<w:rPr><w:sz w:val=\"-40\"/></w:rPr>",
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>in control</w:t></w:r></w:p></w:sdtContent></w:sdt>", "<w:sdt/>",
    "<w:br w:type=\"page\"/>", "<w:tab/>", "<w:fldSimple w:instr=\"PAGE\"/>", "<w:del><w:r><w:delText>weg</w:delText></w:r></w:del>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Heading1\"/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"X\"><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>",
    "<?pi x?>", "<![CDATA[ x ]]>", "<!-- c -->", "\u202e", "é",
    "<w:p>", "</w:r>", "&#0;", "&undefined;", "\x00",
]


def _boundaries(xml: str) -> list[int]:
    return [m.start() for m in re.finditer("<", xml)] + [len(xml)]


@pytest.fixture(scope="module")
def docx_parts(small_docx) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(small_docx)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@given(
    part=st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml", "[Content_Types].xml",
                          "word/_rels/document.xml.rels", "_rels/.rels"]),
    edits=st.lists(
        st.one_of(
            st.tuples(st.just("piece"), st.floats(0, 1), st.sampled_from(XML_PIECES)),
            st.tuples(st.just("cut"), st.floats(0, 1), st.integers(1, 12)),
            st.tuples(st.just("repeat"), st.floats(0, 1), st.integers(1, 12)),
            st.tuples(st.just("text"), st.floats(0, 1), st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)),
        ),
        min_size=1,
        max_size=6,
    ),
    rubric_run=st.booleans(),
)
@examples(80)
def test_mutated_docx_xml_gives_a_document_or_a_clean_error(docx_parts, workdir, rubric, part, edits, rubric_run):
    """Well-formed ZIPs whose XML is broken, odd or surprising: python-docx and our walker."""
    if part not in docx_parts:
        part = "word/document.xml"
    xml = docx_parts[part].decode("utf-8")
    for kind, where, arg in edits:
        cuts = _boundaries(xml)
        i = min(int(where * len(cuts)), len(cuts) - 1)
        at = cuts[i]
        if kind == "piece":
            xml = xml[:at] + arg + xml[at:]
        elif kind == "text":
            xml = xml[:at] + html.escape(arg) + xml[at:]
        elif kind == "cut":  # from one tag to another, balanced or not
            end = cuts[min(i + arg, len(cuts) - 1)]
            xml = xml[:at] + xml[end:]
        else:
            end = cuts[min(i + arg, len(cuts) - 1)]
            xml = xml[:at] + xml[at:end] + xml[at:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in docx_parts.items():
            zf.writestr(name, xml.encode("utf-8") if name == part else data)
    path = workdir / "mutant-xml.docx"
    path.write_bytes(buf.getvalue())
    assert_clean_extract(path, rubric if rubric_run else None)


@given(data=st.binary(max_size=4096), head=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"{\\rtf1"]),
       suffix=st.sampled_from([".pdf", ".docx", ".md", ".txt", ""]))
@examples(100)
def test_any_bytes_give_a_document_or_a_clean_error(workdir, data, head, suffix):
    path = workdir / f"bytes{suffix}"
    path.write_bytes(head + data)
    assert_clean_extract(path)


# --------------------------------------------------------------------------- rubric YAML

CRITERIA_LINES = DEFAULT_RUBRIC.read_text(encoding="utf-8").splitlines(keepends=True)
YAML_TOKENS = [
    ":", "- ", "  ", "\t", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "!!binary ", "!!int ",
    "!!float ", "!!timestamp ", "2024-13-45", "? ", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n",
    "<<: *a\n", "~", "null", "yes", "0x", "1e999", ".nan", "\\", "\x00", "\ufeff", "é", "(?i)", "((", "\\b", "*",
]


@given(
    edits=st.lists(
        st.one_of(
            st.tuples(st.just("delete"), st.integers(0, len(CRITERIA_LINES) - 1), st.integers(1, 5)),
            st.tuples(st.just("duplicate"), st.integers(0, len(CRITERIA_LINES) - 1), st.integers(1, 5)),
            st.tuples(st.just("indent"), st.integers(0, len(CRITERIA_LINES) - 1), st.sampled_from([-4, -2, -1, 1, 2, 4])),
            st.tuples(st.just("token"), st.integers(0, len(CRITERIA_LINES) - 1), st.sampled_from(YAML_TOKENS)),
        ),
        min_size=1,
        max_size=4,
    ),
    where=st.floats(0, 1),
)
@examples(40)
def test_mutated_rubric_loads_or_reports_file_line_col(workdir, edits, where):
    lines = list(CRITERIA_LINES)
    for kind, at, arg in edits:
        at %= max(len(lines), 1)
        if not lines:
            break
        if kind == "delete":
            del lines[at : at + arg]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + arg]
        elif kind == "indent":
            lines[at] = " " * arg + lines[at] if arg > 0 else lines[at][min(-arg, len(lines[at]) - len(lines[at].lstrip(" "))):]
        else:
            col = int(where * len(lines[at]))
            lines[at] = lines[at][:col] + arg + lines[at][col:]
    path = workdir / "rubric.yaml"
    text = "".join(lines)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_clean_rubric(path, text.count("\n") + 1)


@given(text=st.lists(st.sampled_from(YAML_TOKENS + list("abc01 \n-:")), max_size=120).map("".join))
@examples(100)
def test_any_yaml_text_loads_or_reports_file_line_col(workdir, text):
    path = workdir / "klein.yaml"
    path.write_text(text, encoding="utf-8")
    assert_clean_rubric(path, text.count("\n") + 1)


def assert_clean_rubric(path: Path, n_lines: int) -> None:
    try:
        load_rubric(path)
        event("loaded")
    except RubricError as exc:
        event("refused")
        assert exc.problems
        for problem in exc.problems:
            assert "\n" not in problem and "Traceback" not in problem
            m = re.match(rf"^({re.escape(str(path))}|{re.escape(str(DEFAULT_RUBRIC))}):(\d+):(\d+): \S", problem)
            assert m, problem
            if m.group(1) == str(path):
                assert 1 <= int(m.group(2)) <= n_lines + 1, problem
