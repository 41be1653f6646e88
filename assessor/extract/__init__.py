"""Turn a dossier file (PDF, DOCX, Markdown, text) into a `Document`.

The format is detected from the bytes, never from the file name: a PDF renamed to
``.docx`` is read as a PDF. Every problem a user can cause (an empty, damaged,
encrypted or unsupported file) raises `DossierError(path, reason)` with a one-line
reason; no other exception leaves `extract`.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from assessor.document import Document
from assessor.errors import DossierError
from assessor.extract.common import MAX_WORDS

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 300 * 1024 * 1024
#: Markdown/text files larger than this are refused (a long dossier as text is < 1 MB).
MAX_TEXT_BYTES = 16 * 1024 * 1024

__all__ = ["extract", "detect_format", "MAX_FILE_BYTES", "MAX_TEXT_BYTES", "MAX_WORDS"]

_TEXT_SUFFIXES = {".md": "md", ".markdown": "md", ".mdown": "md"}


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise DossierError(name, "is a directory, not a file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise DossierError(name, "no such file") from None
    except PermissionError:
        raise DossierError(name, "permission denied") from None
    except OSError as exc:
        raise DossierError(name, f"cannot read file ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise DossierError(name, f"is {size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        return path.read_bytes()
    except PermissionError:
        raise DossierError(name, "permission denied") from None
    except OSError as exc:
        raise DossierError(name, f"cannot read file ({exc.strerror or exc})") from None


def detect_format(data: bytes, path: str | Path = "") -> str:
    """Return ``pdf``, ``docx``, ``md`` or ``txt`` from the content, or raise DossierError."""
    name = str(path)
    if not data:
        raise DossierError(name, "is empty (0 bytes)")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return _zip_format(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DossierError(
            name,
            "is an old Word .doc file or a password-protected DOCX; save it as .docx or .pdf without a password",
        )
    if data[:5] == b"{\\rtf":
        raise DossierError(name, "is an RTF file; save it as .docx or .pdf")
    from assessor.extract.text import decode_text

    if decode_text(data) is not None:
        return _TEXT_SUFFIXES.get(Path(name).suffix.lower(), "txt")
    raise DossierError(name, "is not a PDF, DOCX or text file (unknown format)")


def _zip_format(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mimetype = zf.read("mimetype").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError, NotImplementedError):
        raise DossierError(name, "is a damaged ZIP/DOCX file (truncated or corrupt)") from None
    except RuntimeError as exc:  # encrypted zip members
        raise DossierError(name, f"is a ZIP file that cannot be read ({exc})") from None
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise DossierError(name, "is an OpenDocument file, save it as .docx or .pdf")
    if "word/document.xml" in names or any(n.startswith("word/") for n in names) and "[Content_Types].xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise DossierError(name, "is an Excel workbook, not a dossier; save the dossier as .docx or .pdf")
    if any(n.startswith("ppt/") for n in names):
        raise DossierError(name, "is a PowerPoint presentation, not a dossier; save it as .pdf")
    raise DossierError(name, "is a ZIP archive, not a DOCX file")


def extract(path: str | Path, password: str | None = None) -> Document:
    """Read a dossier into a `Document` (blocks in reading order with page/paragraph
    and heading path). Raises `DossierError` for anything wrong with the file."""
    p = Path(path)
    name = str(path)
    data = _read(p)
    fmt = detect_format(data, name)
    sha = hashlib.sha256(data).hexdigest()
    try:
        if fmt == "pdf":
            from assessor.extract.pdf import extract_pdf

            doc = extract_pdf(data, name, sha, password=password)
        elif fmt == "docx":
            from assessor.extract.docx import extract_docx

            doc = extract_docx(data, name, sha)
        else:
            from assessor.extract.text import extract_text

            if len(data) > MAX_TEXT_BYTES:
                raise DossierError(name, f"is {len(data) // 2**20} MB of text; the limit is {MAX_TEXT_BYTES // 2**20} MB")
            doc = extract_text(data, name, sha, fmt)
    except DossierError:
        raise
    except MemoryError:
        raise DossierError(name, f"is too large to read as {fmt.upper()}") from None
    except RecursionError:
        raise DossierError(name, f"is a {fmt.upper()} file nested too deeply to read") from None
    except Exception as exc:  # a library choking on a damaged file
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise DossierError(name, f"cannot be read as {fmt.upper()} ({reason})") from exc
    if not doc.blocks:
        hint = {"pdf": " (no text layer, and no images to read)"}.get(fmt, "")
        raise DossierError(name, f"contains no text{hint}")
    if doc.words > MAX_WORDS:
        raise DossierError(name, f"has {doc.words} words; the limit is {MAX_WORDS} (a dossier has some 5,000-40,000)")
    return doc
