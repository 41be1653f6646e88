"""Hostile, broken, scanned and wrong files (issue 6), end to end.

Every bad input gets one line naming the file and the reason, a non-zero exit, no
traceback, bounded time and memory, and in a batch the other files are still assessed.
The bad files are generated here (a real 2 GB zip bomb among them), not checked in.
Unit-level cases already in test_extraction.py (empty, random bytes, truncated, ODT,
document.xml entities, old .doc) are not repeated one by one; they appear once more in
the batch corpus, which is about the CLI's behaviour.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as new_docx
from typer.testing import CliRunner

from assessor.cli import app
from assessor.errors import DossierError
from assessor.extract import extract
from assessor.extract import ocr
from conftest import ROOT, SAMPLES, validate_contract

REALWORLD = Path("/work/shared/realworld-pdfs")
PASSWORD_PDF = REALWORLD / "libreoffice-writer-password.pdf"
TESSERACT = shutil.which("tesseract")
NEEDS_TESSERACT = pytest.mark.skipif(
    TESSERACT is None or ocr.unavailable() is not None,
    reason="install Tesseract: apt-get install tesseract-ocr tesseract-ocr-nld",
)
SAMPLE_PDF = SAMPLES / "01-po-de-brug.pdf"
SAMPLE_DOCX = SAMPLES / "01-po-de-brug.docx"

runner = CliRunner()


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test its own report cache (assessor/cache.py), also for the processes it starts."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """`assess ARGS` as a user runs it: a fresh process (its own hash seed), main()'s error
    handling included."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "assessor", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=full_env,
    )


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


# --------------------------------------------------------------------------- generators


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP from already deflated members (name, raw deflate data, crc32, size), so a
    test can write what zipfile will not: a 2 GB member, or one whose size is a lie."""
    out, central = bytearray(), bytearray()
    for name, comp, crc, size in members:
        offset, n = len(out), name.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), size, len(n), 0) + n + comp
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(comp), size, len(n), 0, 0, 0, 0, 0, offset
        ) + n
    cd_offset = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    return bytes(out)


def deflate(data: bytes) -> tuple[bytes, int, int]:
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush(), zlib.crc32(data), len(data)


def docx_parts(path: Path = SAMPLE_DOCX) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb(gib: int = 2) -> bytes:
    """A DOCX whose word/document.xml unpacks to `gib` GiB of XML (whitespace inside the
    body) from about 1 MB per GiB: the same flushed deflate segment, repeated."""
    parts = docx_parts()
    xml = parts["word/document.xml"]
    cut = xml.index(b"<w:body>") + len(b"<w:body>")
    prefix, suffix = xml[:cut], xml[cut:]
    mib = b" " * (1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
    segment = co.compress(mib) + co.flush(zlib.Z_FULL_FLUSH)
    assert co.compress(mib) + co.flush(zlib.Z_FULL_FLUSH) == segment  # no back references
    tail = co.compress(suffix) + co.flush()
    count = gib * 1024
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + count * len(mib) + len(suffix)
    members = [(n, *deflate(d)) for n, d in parts.items() if n != "word/document.xml"]
    members.append(("word/document.xml", head + segment * count + tail, crc, size))
    return raw_zip(members)


def lying_zip() -> bytes:
    """A DOCX whose word/document.xml claims its original size but inflates to 64 MB more."""
    parts = docx_parts()
    xml = parts["word/document.xml"]
    cut = xml.index(b"<w:body>") + len(b"<w:body>")
    big = xml[:cut] + b" " * (64 << 20) + xml[cut:]
    comp, crc, _ = deflate(big)
    members = [(n, *deflate(d)) for n, d in parts.items() if n != "word/document.xml"]
    members.append(("word/document.xml", comp, crc, len(xml)))
    return raw_zip(members)


def image_pdf(src: Path, dst: Path, plan: list[tuple[int, str]], dpi: int = 200) -> Path:
    """A PDF of `src`'s pages (0-based) as given: ("image": rendered to a grey image at
    `dpi`, no text layer, like a scan) or ("text": the page as it is)."""
    pdf = pdfium.PdfDocument(src)
    out = pdfium.PdfDocument.new()
    for index, (number, how) in enumerate(plan):
        if how == "text":
            out.import_pages(pdf, pages=[number], index=index)
            continue
        page = pdf[number]
        w, h = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        new = out.new_page(w, h)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(w, h))
        new.insert_obj(image)
        new.gen_content()
    out.save(dst)
    return dst


def many_pages(src: Path, dst: Path, pages: int) -> Path:
    """A long PDF: `src`'s pages over and over."""
    pdf = pdfium.PdfDocument(src)
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(pdf, pages=list(range(min(len(pdf), pages - len(out)))))
    out.save(dst)
    return dst


SHOPPING_LIST = "Boodschappen\n\n- melk\n- brood\n- kaas\n- appels\n- koffie\n- waspoeder\n"
ENGLISH = (
    "Annual report of the football club\n\n"
    + "The club had a good season and the members are happy with the results of the first team. " * 12
    + "\n\nWe thank all volunteers for their work in the canteen and on the pitch. " * 6
)


def build_corpus(folder: Path) -> dict[str, str]:
    """Bad files in `folder`: name -> a phrase the one-line error must contain."""
    rng = random.Random(6)
    pdf_bytes, docx_bytes = SAMPLE_PDF.read_bytes(), SAMPLE_DOCX.read_bytes()
    files: dict[str, tuple[bytes, str]] = {
        "leeg.pdf": (b"", "empty"),
        "ruis.docx": (rng.randbytes(20000), "unknown format"),
        "half.pdf": (pdf_bytes[: len(pdf_bytes) // 2], "damaged PDF"),
        "half.docx": (docx_bytes[: len(docx_bytes) // 2], "damaged"),
        "kop-zonder-romp.pdf": (b"%PDF-1.7\n" + rng.randbytes(3000), "damaged PDF"),
        "opendocument.docx": (_odt(), "OpenDocument"),
        "werkboek.docx": (rezip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "Excel"),
        "bom.docx": (zip_bomb(2), "zip bomb"),
        "liegt.docx": (lying_zip(), "damaged DOCX"),
        "entiteiten.docx": (_with_doctype(docx_bytes, "word/styles.xml"), "DOCTYPE"),
        "te-groot.txt": (b"tekst " * (3 << 20), "limit"),
        "oud.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), ".doc"),
    }
    if PASSWORD_PDF.exists():
        files["beveiligd.pdf"] = (PASSWORD_PDF.read_bytes(), "password")
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: phrase for name, (_, phrase) in files.items()}


def _odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


def _with_doctype(docx: bytes, part: str, encoding: str = "utf-8", system: bool = False) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts[part].decode("utf-8")
    end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    entity = '<!ENTITY x SYSTEM "file:///etc/passwd">' if system else '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    root = xml[end:].lstrip().split()[0].lstrip("<").rstrip(">")
    body = xml[end:]
    if system:
        body = body.replace("</w:body>", "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>", 1)
    decl = xml[:end]
    if encoding != "utf-8":
        decl = decl.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    parts[part] = (decl + f"<!DOCTYPE {root} [{entity}]>" + body).encode(encoding)
    return rezip(parts)


# --------------------------------------------------------------------------- the batch


def test_a_batch_of_bad_files_fails_each_in_one_line_and_assesses_the_rest(tmp_path):
    expected = build_corpus(tmp_path)
    good = [SAMPLES / "02-vo-stedelijk-lyceum.pdf", SAMPLES / "03-mbo-techniek.docx"]
    disguised = {"echt-een-pdf.docx": SAMPLE_PDF, "echt-een-docx.pdf": SAMPLE_DOCX}
    for name, src in disguised.items():
        (tmp_path / name).write_bytes(src.read_bytes())
    bad = sorted(tmp_path / n for n in expected)
    args = [str(p) for p in [good[0], *bad, *(tmp_path / n for n in disguised), good[1]]]
    start = time.perf_counter()
    result = cli(*args, "--format", "json")
    elapsed = time.perf_counter() - start
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    items = json.loads(result.stdout)
    assert [i["dossier"]["path"] for i in items] == args
    by_path = {i["dossier"]["path"]: i for i in items}
    lines = error_lines(result.stderr)
    assert len(lines) == len(bad), lines
    for path in bad:
        item = by_path[str(path)]
        assert "domains" not in item, path.name
        phrase = expected[path.name]
        assert phrase.lower() in item["error"].lower(), (path.name, item["error"])
        line = next(ln for ln in lines if str(path) in ln)
        assert phrase.lower() in line.lower() and "\n" not in item["error"]
    for path in [*good, *(tmp_path / n for n in disguised)]:
        validate_contract(by_path[str(path)])
    formats = {Path(p).name: by_path[p]["dossier"]["format"] for p in args[-3:-1]}
    assert formats == {"echt-een-pdf.docx": "pdf", "echt-een-docx.pdf": "docx"}  # by content
    print(f"\nbatch of {len(args)} files: {elapsed:.1f} s")
    assert elapsed < 120  # the 2 GB bomb is refused from its directory, not unpacked


def test_a_zip_bomb_is_refused_by_its_declared_size_before_anything_is_unpacked(tmp_path, monkeypatch):
    path = tmp_path / "bom.docx"
    path.write_bytes(zip_bomb(2))
    assert path.stat().st_size < 3 * 2**20
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size > 2 * 2**30
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(DossierError, match="zip bomb") as info:
        extract(path)
    assert "2048 MB" in info.value.reason
    assert "word/document.xml" not in opened


def test_a_member_that_inflates_beyond_its_declared_size_is_damaged_not_read(tmp_path):
    path = tmp_path / "liegt.docx"
    path.write_bytes(lying_zip())
    with pytest.raises(DossierError, match="damaged DOCX"):
        extract(path)


@pytest.mark.parametrize(
    "part, encoding, system",
    [
        ("word/styles.xml", "utf-8", False),
        ("[Content_Types].xml", "utf-8", False),
        ("word/document.xml", "utf-16-le", False),
        ("word/document.xml", "utf-16-be", False),
        ("word/document.xml", "utf-8", True),  # external entity: never read /etc/passwd
    ],
)
def test_xml_entities_anywhere_in_a_docx_are_refused(tmp_path, part, encoding, system):
    path = tmp_path / "entiteit.docx"
    path.write_bytes(_with_doctype(SAMPLE_DOCX.read_bytes(), part, encoding, system))
    with pytest.raises(DossierError, match="DOCTYPE") as info:
        extract(path)
    assert part in info.value.reason and "root:" not in str(info.value)


def test_a_docx_renamed_pdf_is_read_as_docx(tmp_path):
    path = tmp_path / "dossier.pdf"
    path.write_bytes(SAMPLE_DOCX.read_bytes())
    doc = extract(path)
    assert doc.format == "docx" and doc.pages is None
    assert [b.text for b in doc.blocks] == [b.text for b in extract(SAMPLE_DOCX).blocks]


def test_a_text_file_too_large_is_refused_before_it_is_decoded(tmp_path):
    path = tmp_path / "groot.md"
    path.write_bytes(b"# Kop\n\n" + b"woord " * (3 << 20))
    with pytest.raises(DossierError, match="MB of text; the limit is 16 MB"):
        extract(path)


def test_a_document_over_the_word_limit_is_refused(tmp_path, monkeypatch):
    import assessor.extract as extract_mod
    import assessor.extract.pdf as pdf_mod

    monkeypatch.setattr(extract_mod, "MAX_WORDS", 1000)
    monkeypatch.setattr(pdf_mod, "MAX_WORDS", 1000)
    with pytest.raises(DossierError, match="the limit is 1000"):
        extract(SAMPLE_DOCX)
    with pytest.raises(DossierError, match="words by page .*the limit is 1000"):
        extract(SAMPLE_PDF)


# --------------------------------------------------------------------------- passwords


@pytest.mark.skipif(not PASSWORD_PDF.exists(), reason="real-world PDFs not present")
def test_password_option_opens_a_protected_pdf_and_a_wrong_one_is_one_line():
    result = runner.invoke(app, [str(PASSWORD_PDF), "--format", "json", "--password", "openpassword"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dossier"]["format"] == "pdf" and report["dossier"]["words"] > 0
    wrong = cli(str(PASSWORD_PDF), "--password", "fout", "--no-cache")
    assert wrong.returncode == 1
    assert error_lines(wrong.stderr) == [f"fout: {PASSWORD_PDF}: is a password-protected PDF and the password given is wrong"]


@pytest.mark.skipif(not PASSWORD_PDF.exists(), reason="real-world PDFs not present")
def test_a_cached_report_does_not_open_a_protected_pdf_without_its_password():
    assert cli(str(PASSWORD_PDF), "--format", "json", "--password", "openpassword").returncode == 0
    without = cli(str(PASSWORD_PDF), "--format", "json")
    assert without.returncode == 1 and "password-protected" in without.stderr


# --------------------------------------------------------------------------- long PDFs


def test_a_600_page_pdf_is_assessed(tmp_path):
    path = many_pages(SAMPLES / "02-vo-stedelijk-lyceum.pdf", tmp_path / "lang.pdf", 600)
    start = time.perf_counter()
    result = runner.invoke(app, [str(path), "--format", "json"])
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dossier"]["pages"] == 600
    validate_contract(report)
    print(f"\n600-page PDF: {elapsed:.1f} s, {report['dossier']['words']} words")


def test_a_pdf_over_the_page_limit_is_refused_without_reading_its_pages(tmp_path):
    from assessor.extract.pdf import MAX_PAGES

    pdf = pdfium.PdfDocument.new()
    for _ in range(MAX_PAGES + 1):
        pdf.new_page(595, 842)
    path = tmp_path / "dik.pdf"
    pdf.save(path)
    result = runner.invoke(app, [str(path)])
    assert result.exit_code == 1
    assert f"has {MAX_PAGES + 1} pages; the limit is {MAX_PAGES}" in result.stderr


# --------------------------------------------------------------------------- not a dossier


@pytest.mark.parametrize(
    "name, text, language",
    [("boodschappen.txt", SHOPPING_LIST, "unknown"), ("club.txt", ENGLISH, "en")],
)
def test_a_document_that_is_no_dutch_dossier_is_assessed_with_a_warning(tmp_path, name, text, language):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, [str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate_contract(report)
    info = report["dossier"]
    assert info["language"] == language
    assert "Dit document lijkt geen aanvraagdossier Samen Opleiden te zijn." in info["warnings"]
    assert any("lijkt niet Nederlands" in w for w in info["warnings"])


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="real-world PDFs not present")
def test_realworld_pdfs_in_one_batch_are_assessed_with_warnings_or_refused_in_one_line():
    paths = sorted(str(p) for p in REALWORLD.glob("*.pdf"))
    result = cli(*paths, "--format", "json", timeout=600)
    assert result.returncode == 1  # the password-protected one
    assert "Traceback" not in result.stderr
    items = json.loads(result.stdout)
    assert [i["dossier"]["path"] for i in items] == paths
    failed = [i for i in items if "error" in i]
    assert len(error_lines(result.stderr)) == len(failed)
    for item in failed:
        assert "\n" not in item["error"]
    assert any("password" in i["error"] for i in failed)
    assessed = [i for i in items if "domains" in i]
    assert len(assessed) >= len(paths) - 3
    for item in assessed:
        validate_contract(item)
        info = item["dossier"]
        assert "Dit document lijkt geen aanvraagdossier Samen Opleiden te zijn." in info["warnings"], info["path"]
        assert info["language"] != "nl" and any("lijkt niet Nederlands" in w for w in info["warnings"])
    german = next(i for i in assessed if i["dossier"]["path"].endswith("GeoTopo-komprimiert.pdf"))
    assert german["dossier"]["language"] == "de"


# --------------------------------------------------------------------------- scanned dossiers


@pytest.fixture(scope="module")
def scanned_mixed(tmp_path_factory) -> Path:
    """Pages 2-4 of a sample: a scan, the text page itself, a scan."""
    return image_pdf(SAMPLE_PDF, tmp_path_factory.mktemp("scan") / "gescand.pdf", [(1, "image"), (2, "text"), (3, "image")])


@NEEDS_TESSERACT
def test_scanned_pages_are_read_with_ocr_and_marked(scanned_mixed, rubric):
    from assessor.engine import assess

    start = time.perf_counter()
    doc = extract(scanned_mixed)
    elapsed = time.perf_counter() - start
    assert doc.format == "pdf" and doc.pages == 3
    assert doc.warnings == ["pagina's 1, 3 via OCR gelezen (Tesseract); citaten daaruit kunnen leesfouten bevatten"]
    original = extract(SAMPLE_PDF)
    want = " ".join(b.text for b in original.blocks if b.page in (2, 3, 4)).split()
    got = doc.text.split()
    ratio = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio()
    assert ratio > 0.9, ratio
    assert {b.page for b in doc.blocks} == {1, 2, 3}
    heads = [h.text for h in doc.headings()]
    assert "2.2 Draagvlak" in heads and "3 Visie" in heads
    assert "Partnerschap De Brug - aanvraag" not in doc.text  # the running header, read by OCR, dropped
    report = assess(doc, rubric)
    assert doc.warnings[0] in report.dossier.warnings and report.dossier.language == "nl"
    print(f"\nOCR: 2 pages in {elapsed:.1f} s ({elapsed / 2:.1f} s/page)")


def test_scanned_pdf_without_tesseract_says_how_to_enable_ocr(tmp_path):
    path = image_pdf(SAMPLE_PDF, tmp_path / "scan.pdf", [(1, "image")])
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = cli(str(path), env={"PATH": str(empty_bin)})
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        f"fout: {path}: has no text layer (scanned pages?); "
        "install Tesseract for OCR: apt-get install tesseract-ocr tesseract-ocr-nld"
    ]


def test_a_partly_scanned_pdf_without_ocr_is_assessed_with_a_warning(scanned_mixed, monkeypatch):
    monkeypatch.setenv("ASSESSOR_OCR", "0")
    doc = extract(scanned_mixed)
    assert {b.page for b in doc.blocks} == {2}
    assert doc.warnings == [
        "2 page(s) without a text layer (scanned?) not read: 1, 3; OCR is switched off (ASSESSOR_OCR=0)"
    ]


def test_ocr_is_bounded_in_pages_and_time(scanned_mixed, monkeypatch):
    monkeypatch.setattr(ocr, "unavailable", lambda: None)  # no Tesseract needed: refused before it runs
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 1)
    with pytest.raises(DossierError, match="has 2 scanned pages without a text layer; OCR is limited to 1 pages"):
        extract(scanned_mixed)
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 60)
    monkeypatch.setattr(ocr, "TOTAL_TIMEOUT", 0.0)
    with pytest.raises(DossierError, match="OCR took longer than 0 s in all; refused"):
        extract(scanned_mixed)


def test_hocr_is_parsed_into_lines_in_points():
    hocr = """
    <div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508'>
     <span class='ocr_line' id='line_1_1' title="bbox 300 400 1200 460; baseline 0 -12; x_size 60; x_descenders 12; x_ascenders 15">
      <span class='ocrx_word' id='word_1_1' title='bbox 300 400 330 448; x_wconf 90'>e</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 350 400 700 460; x_wconf 96'>Scholen&amp;pabo</span>
      <span class='ocrx_word' id='word_1_3' title='bbox 720 400 1200 460; x_wconf 96'>samen</span>
     </span>
     <span class='ocr_line' id='line_1_2' title="bbox 300 500 400 540; baseline 0 0; x_size 30; x_descenders 6; x_ascenders 8">
      <span class='ocrx_word' id='word_1_4' title='bbox 300 500 400 540; x_wconf 20'>—</span>
     </span>
    </div>"""
    scale = 300 / 72
    (line,) = ocr.parse_hocr(hocr, scale, 842.0)  # the line of one dash is no text
    assert line.text == "e Scholen&pabo samen"
    assert line.x0 == pytest.approx(72.0) and line.x1 == pytest.approx(288.0)
    assert line.top == pytest.approx(842 - 96.0) and line.base == pytest.approx(842 - (460 - 12) / scale)
    assert line.size == pytest.approx(round((60 - 12) / 0.75 / scale * 2) / 2)
    (smoothed,) = ocr.smooth_sizes({1: [line]}, text_body=11.0)[1]
    assert smoothed.text == "• Scholen&pabo samen" and smoothed.size == 11.0


# --------------------------------------------------------------------------- run time


def _without_generated_at(text: str) -> str:
    data = json.loads(text)
    items = data if isinstance(data, list) else [data]
    for item in items:
        assert item.pop("generated_at", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


@pytest.mark.parametrize("sample", [SAMPLE_PDF, SAMPLES / "06-vo-tabellen.docx"], ids=["pdf", "docx"])
def test_two_runs_give_byte_identical_json_apart_from_generated_at(sample):
    # --no-cache: the second run must assess again, not return the first run's report
    first = cli(str(sample), "--format", "json", "--no-cache", env={"PYTHONHASHSEED": "1"})
    second = cli(str(sample), "--format", "json", "--no-cache", env={"PYTHONHASHSEED": "2"})
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    a, b = first.stdout, second.stdout
    assert a.count("generated_at") == 1
    strip = lambda s: "\n".join(ln for ln in s.splitlines() if '"generated_at"' not in ln)  # noqa: E731
    assert strip(a) == strip(b)
    assert _without_generated_at(a) == _without_generated_at(b)


def test_assessment_needs_no_network(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access at run time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for sample in (SAMPLE_PDF, SAMPLE_DOCX):
        result = runner.invoke(app, [str(sample), "--format", "json"])
        assert result.exit_code == 0, result.output
        validate_contract(json.loads(result.stdout))
    out = tmp_path / "r.html"
    result = runner.invoke(app, [str(SAMPLE_PDF), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


# --------------------------------------------------------------------------- rubric as input


def test_a_hostile_rubric_is_one_line_at_its_position_and_fast(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefg"[i]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    rubric = tmp_path / "lach.yaml"
    rubric.write_text("\n".join(levels) + "\n", encoding="utf-8")
    start = time.perf_counter()
    result = cli(str(SAMPLE_PDF), "--rubric", str(rubric))
    assert time.perf_counter() - start < 30
    assert result.returncode == 2
    assert error_lines(result.stderr) == [f"{rubric}:6:4: aliases expand this to more than 500000 values"]
    deep = tmp_path / "diep.yaml"
    deep.write_text("name: " + "[" * 100000 + "]" * 100000 + "\n", encoding="utf-8")
    result = cli(str(SAMPLE_PDF), "--rubric", str(deep))
    assert result.returncode == 2, result.stderr  # not a crash of libyaml's recursion
    assert error_lines(result.stderr) == [f"{deep}:1:56: nested more than 50 levels deep"]


def test_a_blank_page_between_text_pages_is_no_error(tmp_path):
    src = pdfium.PdfDocument(SAMPLE_PDF)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, pages=[0, 1])
    out.new_page(595, 842)
    out.import_pages(src, pages=[2])
    path = tmp_path / "met-lege-pagina.pdf"
    out.save(path)
    doc = extract(path)
    assert doc.pages == 4 and doc.warnings == ["1 page(s) without text: 3"]
    assert {b.page for b in doc.blocks} == {1, 2, 4}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("name: x\nversion: 2024-13-45\n", ":2:10: YAML error: invalid value (month must be in 1..12)"),
        ("name: !!int ''\n", ":1:7: YAML error: invalid value"),
        ("a: &a [*a]\n", ":1:4: an alias makes this value contain itself"),
        ("name: x\nversion: \x01\n", ":2:10: YAML error: control characters are not allowed"),
        ("extends: \"a\\0b\"\n", ":1:10: extends must be the file name or built-in name of a rubric"),
        ("extends: " + "a" * 300 + ".yaml\n", ":1:10: base rubric"),
    ],
    ids=["bad-date", "empty-int", "self-alias", "control-char", "nul-in-extends", "name-too-long"],
)
def test_rubric_values_that_crashed_the_loader_are_errors_at_their_position(tmp_path, text, expected):
    from assessor.errors import RubricError
    from rubric.loader import load_rubric

    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert info.value.problems[0].startswith(f"{path}{expected}"), info.value.problems


def test_a_rubric_that_is_not_utf8_is_reported_at_the_byte(tmp_path):
    from assessor.errors import RubricError
    from rubric.loader import load_rubric

    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: x\ndescription: café\n".encode("latin-1"))
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert info.value.problems == [f"{path}:2:17: not UTF-8 text (byte 0xe9)"]


def test_a_page_tesseract_fails_on_is_named_and_the_rest_is_read(scanned_mixed, monkeypatch):
    monkeypatch.setattr(ocr, "unavailable", lambda: None)

    def fail(page, page_no, path, timeout=ocr.PAGE_TIMEOUT):
        if page_no == 1:
            raise ocr.PageFailed("Tesseract: Image too small to scale")
        return [ocr.OcrLine("Een gelezen regel op de laatste pagina.", 72, 300, 700, 688, 11.0, 690)]

    monkeypatch.setattr(ocr, "ocr_page", fail)
    doc = extract(scanned_mixed)
    assert doc.warnings == [
        "OCR mislukt op pagina 1 (Tesseract: Image too small to scale); die pagina's zijn niet gelezen",
        "pagina 3 via OCR gelezen (Tesseract); citaten daaruit kunnen leesfouten bevatten",
    ]
    assert {b.page for b in doc.blocks} == {2, 3}
