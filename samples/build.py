"""Build sample dossiers (DOCX and PDF) from light-Markdown sources.

Source: ``samples/src/<id>.md`` (and ``samples/heldout/src/<id>.md``)::

    ---
    title: Aanvraag aspirant-opleidingsschool Partnerschap X
    sector: po                 # free text, shown on the title page
    heading_style: styles      # styles (Word Heading N) | manual (bold, larger Normal text)
    running_header: Partnerschap X - aanvraag 2025   # optional
    page_numbers: true         # optional, footer "Pagina N van M"
    ---
    # Chapter
    ## Section
    ### Subsection
    Paragraph text, lines joined until a blank line. **bold** and *italic* spans.
    - bullet item
    1. numbered item
    | Kop | Kop |
    |---|---|
    | cel | cel |
    \\pagebreak

Output: ``samples/<id>.docx`` (python-docx) and ``samples/<id>.pdf`` (LibreOffice,
all DOCX of one folder in one ``soffice`` call). The DOCX is byte-for-byte
deterministic (fixed zip timestamps and core properties); the PDF is as deterministic
as LibreOffice makes it (creation date and document id change).

    python samples/build.py            # build every source
    python samples/build.py ID ...     # build some (ids or paths to .md sources)
    python samples/build.py --no-pdf   # DOCX only
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SOURCE_DIRS = [HERE / "src", HERE / "heldout" / "src"]

# Manual headings: Normal paragraphs, bold, with these sizes (body text is 11 pt).
MANUAL_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(11)}
FIXED_TIME = _dt.datetime(2025, 1, 1, 12, 0, 0, tzinfo=_dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- parsing


@dataclass
class Source:
    id: str
    path: Path
    meta: dict
    blocks: list[tuple] = field(default_factory=list)  # (kind, ...) in order


_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBERED = re.compile(r"^\d+[.)]\s+")


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def parse_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end == -1:
            raise SystemExit(f"{path}: front matter not closed with ---")
        meta = yaml.safe_load(text[3:end]) or {}
        text = text[end + 4 :]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    src = Source(id=path.stem, path=path, meta=meta)
    para: list[str] = []

    def flush() -> None:
        if para:
            src.blocks.append(("paragraph", " ".join(para)))
            para.clear()

    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        if not line:
            flush()
        elif line == "\\pagebreak":
            flush()
            src.blocks.append(("pagebreak",))
        elif m := re.match(r"^(#{1,6})\s+(.*)$", line):
            flush()
            src.blocks.append(("heading", len(m.group(1)), m.group(2).strip()))
        elif line.startswith(("- ", "* ")) and not line.startswith("**"):
            flush()
            src.blocks.append(("bullet", line[2:].strip()))
        elif _NUMBERED.match(line):
            flush()
            src.blocks.append(("number", _NUMBERED.sub("", line, count=1).strip()))
        elif line.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1].strip()):
            flush()
            rows = [_split_row(line)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_split_row(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            src.blocks.append(("table", rows))
            continue
        else:
            # A continuation line of a list item joins that item.
            if not para and src.blocks and src.blocks[-1][0] in ("bullet", "number") and raw[:1] == " ":
                kind, item = src.blocks[-1]
                src.blocks[-1] = (kind, item + " " + line)
            else:
                para.append(line)
        i += 1
    flush()
    return src


# --------------------------------------------------------------------------- writing

_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def _add_runs(paragraph, text: str, *, bold: bool | None = None, size=None) -> None:
    for part in _INLINE.split(text):
        if not part:
            continue
        run_bold, run_italic = bold, None
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            part, run_bold = part[2:-2], True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            part, run_italic = part[1:-1], True
        run = paragraph.add_run(part)
        if run_bold:
            run.bold = True
        if run_italic:
            run.italic = True
        if size is not None:
            run.font.size = size


def _add_field(paragraph, instr: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice both update."""
    def fld_char(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld_char("begin")
    run = paragraph.add_run()
    instr_el = OxmlElement("w:instrText")
    instr_el.set(qn("xml:space"), "preserve")
    instr_el.text = f" {instr} "
    run._r.append(instr_el)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def build_docx(src: Source, out: Path) -> None:
    meta = src.meta
    manual = str(meta.get("heading_style", "styles")).lower() == "manual"
    doc = new_docx()
    section = doc.sections[0]

    # Title page (no running header / footer on it).
    title = str(meta.get("title") or src.id)
    section.different_first_page_header_footer = True
    if manual:
        p = doc.add_paragraph()
        _add_runs(p, title, bold=True, size=Pt(22))
    else:
        doc.add_paragraph(title, style="Title")
    for key, label in (("sector", "Sector"), ("partnership", "Partnerschap"), ("date", "Datum")):
        if meta.get(key):
            doc.add_paragraph(f"{label}: {meta[key]}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    if meta.get("running_header"):
        hp = section.header.paragraphs[0]
        hp.text = str(meta["running_header"])
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if meta.get("page_numbers"):
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fp.add_run("Pagina ")
        _add_field(fp, "PAGE")
        fp.add_run(" van ")
        _add_field(fp, "NUMPAGES")

    pending_break = False
    for block in src.blocks:
        kind = block[0]
        if kind == "pagebreak":
            pending_break = True
            continue
        if kind == "heading":
            _, level, text = block
            if manual:
                p = doc.add_paragraph()
                _add_runs(p, text, bold=True, size=MANUAL_SIZES.get(level, Pt(11)))
                p.paragraph_format.space_before = Pt(12 if level == 1 else 8)
                p.paragraph_format.keep_with_next = True
            else:
                p = doc.add_heading(text, level=min(level, 9))
        elif kind == "paragraph":
            p = doc.add_paragraph()
            _add_runs(p, block[1])
        elif kind == "bullet":
            p = doc.add_paragraph(style="List Bullet")
            _add_runs(p, block[1])
        elif kind == "number":
            p = doc.add_paragraph(style="List Number")
            _add_runs(p, block[1])
        elif kind == "table":
            rows = block[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    _add_runs(cell.paragraphs[0], value, bold=True if r == 0 else None)
                    if r == 0:
                        _shade(cell, "D9E2F3")
            p = None
            # A paragraph after a table keeps tables from touching each other.
            doc.add_paragraph()
        else:  # pragma: no cover
            raise AssertionError(kind)
        if pending_break and p is not None:
            p.paragraph_format.page_break_before = True
        pending_break = False

    cp = doc.core_properties
    cp.title = title
    cp.author = "samples/build.py"
    cp.last_modified_by = "samples/build.py"
    cp.created = cp.modified = FIXED_TIME.replace(tzinfo=None)
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    _write_deterministic_zip(buf.getvalue(), out)


def _write_deterministic_zip(blob: bytes, out: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(blob)) as zin, io.BytesIO() as outbuf:
        with zipfile.ZipFile(outbuf, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                zout.writestr(zi, zin.read(info.filename))
        out.write_bytes(outbuf.getvalue())


# --------------------------------------------------------------------------- PDF


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: list[Path], outdir: Path, timeout: float = 600) -> None:
    """Convert DOCX files to PDF in one LibreOffice call (private profile, so it can
    run next to another LibreOffice)."""
    if not docx_files:
        return
    exe = soffice_binary()
    if exe is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            *[str(p) for p in docx_files],
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    missing = [p for p in docx_files if not (outdir / (p.stem + ".pdf")).exists()]
    if proc.returncode != 0 or missing:
        raise SystemExit(
            f"soffice failed (exit {proc.returncode}) for {', '.join(map(str, missing)) or 'some files'}:\n"
            f"{proc.stdout}\n{proc.stderr}"
        )


# --------------------------------------------------------------------------- main


def find_sources(ids: list[str]) -> list[Path]:
    if not ids:
        return [p for d in SOURCE_DIRS if d.is_dir() for p in sorted(d.glob("*.md"))]
    found = []
    for ident in ids:
        p = Path(ident)
        if p.suffix == ".md" and p.exists():
            found.append(p.resolve())
            continue
        hits = [d / f"{ident}.md" for d in SOURCE_DIRS if (d / f"{ident}.md").exists()]
        if not hits:
            raise SystemExit(f"no source for {ident!r} in {', '.join(map(str, SOURCE_DIRS))}")
        found.extend(hits)
    return found


def build(sources: list[Path], pdf: bool = True, outdir: Path | None = None) -> list[Path]:
    """Build DOCX (and PDF) for the sources; returns the written files."""
    written: list[Path] = []
    by_dir: dict[Path, list[Path]] = {}
    for path in sources:
        src = parse_source(path)
        target_dir = outdir or path.parent.parent  # samples/src/x.md -> samples/x.docx
        target_dir.mkdir(parents=True, exist_ok=True)
        out = target_dir / f"{src.id}.docx"
        build_docx(src, out)
        written.append(out)
        by_dir.setdefault(target_dir, []).append(out)
    if pdf:
        for target_dir, files in by_dir.items():
            convert_to_pdf(files, target_dir)
            written.extend(target_dir / (f.stem + ".pdf") for f in files)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="source ids or .md paths (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="write DOCX only")
    ap.add_argument("--outdir", type=Path, help="write here instead of next to src/")
    args = ap.parse_args(argv)
    sources = find_sources(args.ids)
    if not sources:
        print("no sources found", file=sys.stderr)
        return 1
    for f in build(sources, pdf=not args.no_pdf, outdir=args.outdir):
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
