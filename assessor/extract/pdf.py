"""PDF dossiers via pypdfium2 (PDFium), fast.

PDFium's text page gives the text in content order with its own line breaks. For
each line we ask PDFium for a handful of facts (font size, bold, position of the first
and last character) instead of walking every character, which keeps extraction within
a small factor of plain ``get_text_range``.

From those lines:

* running headers/footers are dropped: lines at the top/bottom of a page that repeat
  (digits ignored) on many pages, and page numbers ("3", "- 3 -", "Pagina 3 van 10");
* tables are found from ruling lines: pages whose objects include path objects get
  their horizontal/vertical strokes (and rectangle edges) grouped into grids; each cell
  is read with PDFium's bounded-text call, the table becomes one table block and its
  lines are not repeated as paragraphs;
* lines are joined into paragraphs by vertical gap and style, list items are found by
  their bullet or number, words hyphenated across a line break are joined when a
  lowercase letter follows ("samen-/werking" -> "samenwerking"; "mbo-/studenten" and
  "zee-/egel" keep the hyphen);
* headings are lines larger than the body text, or bold when the body is not, short and
  without a final period; levels follow size rank (a one-off title on the first page is
  level 1 without pushing chapters down).

PDFium is not thread-safe and this module reuses ctypes buffers: extract PDFs in one
thread per process (use processes for a parallel batch).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assessor.document import Block, BlockKind, Document, SectionTracker
from assessor.errors import DossierError
from assessor.extract.common import HYPHEN_MARKS, MAX_WORDS, Vocabulary, join_lines

# a numbered section title ("3.1 Gastvrij. Gedreven. Grensverleggend.") may end in a full stop
_NUMBERED_TITLE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.? [A-Z]")

#: PDFs with more pages than this are refused (an application dossier has ~20-80).
MAX_PAGES = 1000
#: Pages with more page objects than this are not searched for tables.
MAX_OBJECTS_FOR_TABLES = 20000
#: Minimum number of path objects on a page before we look for a table.
MIN_PATHS_FOR_TABLE = 4

_FPDF_ERR_PASSWORD = 4
_PAGEOBJ_PATH = 2
_PAGEOBJ_IMAGE = 3
_PAGEOBJ_FORM = 5
#: A page without text but with this many path objects may be text drawn as outlines.
MIN_PATHS_FOR_OCR = 200

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|demi\b|extrabold|ultrabold|[-,+]bd\b|\bbd\b", re.I)
_LINE = re.compile(r"[^\r\n]+")
# A text line, split after PDFium's hyphen mark: PDFium joins the lines around it, even
# a body line and the footer below it.
_PIECE = re.compile(r"[^\r\n\ufffe]+\ufffe?")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|bladzijde|pag\.?|p\.|seite)\s*)?"
    r"[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:van|of|/|de|von|\|)\s*\d{1,4})?$",
    re.I,
)
_WORDISH = re.compile(r"[^\W\d_]{3,}")
_ROMAN_PAGE = re.compile(r"^[ivxlc]{1,6}$", re.I)
_TOC_LINE = re.compile(r"(?:\.\s?){5,}\s*\d{1,4}\s*$|(?:…\s?){2,}\s*\d{1,4}\s*$")
_BULLET_CHARS = "•●○◦▪■□‣⁃∙·–—-*>➢➤►✓✔"
_NUMBER_LABEL = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])\s+", re.I)


@dataclass(slots=True)
class Line:
    text: str
    page: int  # 1-based
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    base: float = 0.0  # baseline y of the first character
    base_end: float = 0.0  # baseline y of the last character (PDFium may join visual lines)
    at_space: bool = True  # the raw line ended in a space (the break fell between words)
    drop: bool = False
    table: int = -1  # index into the page's tables when inside one


@dataclass(slots=True)
class Table:
    page: int
    bbox: tuple[float, float, float, float]  # left, bottom, right, top
    rows: list[list[list[tuple[str, bool]]]]  # row -> cell -> (line, ended in a space)
    emitted: bool = False
    last_page: int = 0  # the last page a table runs onto (0: its own page)


# --------------------------------------------------------------------------- opening


def _open(data: bytes, path: str, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _FPDF_ERR_PASSWORD:
            if password is None:
                raise DossierError(path, "is a password-protected PDF; give the password (--password)") from None
            raise DossierError(path, "is a password-protected PDF and the password given is wrong") from None
        detail = str(exc)
        m = re.search(r"\(PDFium: ([^)]*)\)", detail)
        raise DossierError(path, f"is a damaged PDF file ({m.group(1) if m else detail or 'unreadable'})") from None


# --------------------------------------------------------------------------- per page


_fontbuf = ctypes.create_string_buffer(256)
_flags = ctypes.c_int()
_flags_ref = ctypes.byref(_flags)
_rect = pdfium_c.FS_RECTF()
_bold_cache: dict[bytes, bool] = {}


def _char_font(tp, idx: int) -> tuple[float, bool]:
    size = pdfium_c.FPDFText_GetFontSize(tp, idx)
    weight = pdfium_c.FPDFText_GetFontWeight(tp, idx)
    bold = weight >= 600
    if not bold:
        n = pdfium_c.FPDFText_GetFontInfo(tp, idx, _fontbuf, 256, _flags_ref)
        if n:
            name = _fontbuf.value
            cached = _bold_cache.get(name)
            if cached is None:
                text = name.decode("latin-1", "replace").split("+", 1)[-1]
                cached = _bold_cache[name] = bool(_BOLD_NAME.search(text))
            bold = cached
        if not bold and _flags.value & (1 << 18):  # ForceBold
            bold = True
    return size, bold


def _page_lines(textpage, page_no: int) -> list[Line]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if not text:
        return []
    tp = textpage.raw
    out: list[Line] = []
    # Text and char indices coincide unless PDFium inserted or left out characters.
    to_char = (lambda _tp, i: i) if len(text) == count else pdfium_c.FPDFText_GetCharIndexFromTextIndex
    loose = pdfium_c.FPDFText_GetLooseCharBox
    rect = _rect
    ref = ctypes.byref(rect)
    for m in _PIECE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        end = m.start() + len(raw.rstrip()) - 1
        ci = to_char(tp, start)
        if ci < 0:
            continue
        size, bold = _char_font(tp, ci)
        if not loose(tp, ci, ref):
            continue
        # The loose box spans the font's ascent and descent: its bottom stands in for
        # the baseline (same font, same offset).
        x0, x1, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        base = base_end = bottom
        if end > start:
            ce = to_char(tp, end)
            if ce >= 0:
                if bold:
                    _, bold = _char_font(tp, ce)
                if loose(tp, ce, ref):
                    x1 = max(x1, rect.right)
                    base_end = rect.bottom
                    top = max(top, rect.top)
                    bottom = min(bottom, rect.bottom)
        if top < bottom:
            top, bottom = bottom, top
        out.append(
            Line(
                " ".join(stripped.split()), page_no, x0, x1, top, bottom,
                round(size * 2) / 2, bold, base, base_end, raw[-1].isspace(),
            )
        )
    return out


# --------------------------------------------------------------------------- tables


def _path_edges(page, page_w: float, page_h: float):
    """Horizontal and vertical ruling edges from the page's path objects."""
    n = pdfium_c.FPDFPage_CountObjects(page)
    if n <= 0 or n > MAX_OBJECTS_FOR_TABLES:
        return [], []
    get_obj = pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    paths = []
    for i in range(n):
        obj = get_obj(page, i)
        if get_type(obj) == _PAGEOBJ_PATH:
            paths.append(obj)
    if len(paths) < MIN_PATHS_FOR_TABLE:
        return [], []
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    horiz: list[tuple[float, float, float]] = []  # y, x0, x1
    vert: list[tuple[float, float, float]] = []  # x, y0, y1
    area = page_w * page_h
    for obj in paths:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, l, b, r, t):
            continue
        x0, y0, x1, y1 = l.value, b.value, r.value, t.value
        w, h = x1 - x0, y1 - y0
        if h <= 3 and w > 8:
            horiz.append(((y0 + y1) / 2, x0, x1))
        elif w <= 3 and h > 8:
            vert.append(((x0 + x1) / 2, y0, y1))
        elif w > 8 and h > 5 and w * h < 0.5 * area:
            segs = pdfium_c.FPDFPath_CountSegments(obj)
            if 0 < segs <= 6:  # a rectangle: its four sides
                horiz.append((y0, x0, x1))
                horiz.append((y1, x0, x1))
                vert.append((x0, y0, y1))
                vert.append((x1, y0, y1))
    return horiz, vert


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _find_tables(page, tp, page_no: int, page_w: float, page_h: float) -> list[Table]:
    horiz, vert = _path_edges(page, page_w, page_h)
    if len(horiz) < 2 or len(vert) < 2:
        return []
    horiz, vert = _merge_edges(horiz), _merge_edges(vert)
    tol = 2.0
    # union-find over edges: H index i, V index len(horiz)+j
    parent = list(range(len(horiz) + len(vert)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, (y, hx0, hx1) in enumerate(horiz):
        for j, (x, vy0, vy1) in enumerate(vert):
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                a, c = find(i), find(len(horiz) + j)
                if a != c:
                    parent[a] = c
    groups: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for i, e in enumerate(horiz):
        groups[find(i)][0].append(e)
    for j, e in enumerate(vert):
        groups[find(len(horiz) + j)][1].append(e)

    tables: list[Table] = []
    rects = None
    for hs, vs in groups.values():
        if len(hs) < 2 or len(vs) < 2:
            continue
        ys = _cluster([e[0] for e in hs])[::-1]  # top to bottom
        rows: list[list[str]] = []
        for k in range(len(ys) - 1):
            yt, yb = ys[k], ys[k + 1]
            if yt - yb < 4:
                continue
            mid = (yt + yb) / 2
            xs = _cluster([x for x, v0, v1 in vs if v0 - tol <= mid <= v1 + tol])
            if len(xs) < 2:
                continue
            if rects is None:
                rects = _text_rects(tp)
            row_rects = [r for r in rects if yb <= (r[1] + r[3]) / 2 <= yt]
            row = []
            for c in range(len(xs) - 1):
                xl, xr = xs[c], xs[c + 1]
                if xr - xl < 4:
                    continue
                raw = _bounded_text(tp, xl + 0.5, yb + 0.5, xr - 0.5, yt - 0.5)
                row.append(_cell_lines(raw, row_rects, xl, yb, xr, yt))
            if any(row):
                rows.append(row)
        if not rows or max(len(r) for r in rows) < 2 or (len(rows) < 2 and len(hs) < 2):
            continue
        width = max(len(r) for r in rows)
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        # a figure (axes, grid lines) is no table: most cells empty, hardly any words
        texts = [" ".join(t for t, _ in cell) for row in rows for cell in row]
        if not any(_WORDISH.search(t) for t in texts):
            continue
        if len(rows) >= 2 and sum(bool(t) for t in texts) < 0.4 * len(texts):
            continue
        bbox = (min(x for x, _, _ in vs), min(y for y, _, _ in hs), max(x for x, _, _ in vs), max(y for y, _, _ in hs))
        tables.append(Table(page_no, bbox, rows))
    tables.sort(key=lambda t: -t.bbox[3])
    return tables


_BOUNDED_BUF_LEN = 8192
_bounded_buf = (ctypes.c_ushort * _BOUNDED_BUF_LEN)()


def _bounded_text(textpage, left: float, bottom: float, right: float, top: float) -> str:
    """Text inside a rectangle, in one PDFium call (pypdfium2's helper makes two)."""
    n = pdfium_c.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, _bounded_buf, _BOUNDED_BUF_LEN)
    if n >= _BOUNDED_BUF_LEN:
        return textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    if n <= 0:
        return ""
    return bytes(memoryview(_bounded_buf).cast("B")[: 2 * n]).decode("utf-16-le", "ignore").rstrip("\x00")


def _merge_edges(edges: list[tuple[float, float, float]], tol: float = 2.0) -> list[tuple[float, float, float]]:
    """Join collinear, touching edges (a table border drawn cell by cell) into one."""
    clusters: list[list[tuple[float, float, float]]] = []
    for e in sorted(edges):
        if clusters and e[0] - clusters[-1][-1][0] <= tol:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    out: list[tuple[float, float, float]] = []
    for cl in clusters:
        pos = sum(e[0] for e in cl) / len(cl)
        segs = sorted((e[1], e[2]) for e in cl)
        cur_a, cur_b = segs[0]
        for a, b in segs[1:]:
            if a <= cur_b + tol:
                cur_b = max(cur_b, b)
            else:
                out.append((pos, cur_a, cur_b))
                cur_a, cur_b = a, b
        out.append((pos, cur_a, cur_b))
    return out


def _text_rects(tp) -> list[tuple[float, float, float, float]]:
    """PDFium's text segments of the page: (left, top, right, bottom)."""
    raw = tp.raw
    n = pdfium_c.FPDFText_CountRects(raw, 0, -1)
    l, t, r, b = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    out = []
    for i in range(max(n, 0)):
        if pdfium_c.FPDFText_GetRect(raw, i, l, t, r, b):
            out.append((l.value, t.value, r.value, b.value))
    return out


_CELL_PIECE = re.compile(r"[^\r\n\x02\ufffe]+[\x02\ufffe]?")


def _cell_lines(raw: str, rects, xl: float, yb: float, xr: float, yt: float) -> list[tuple[str, bool]]:
    """The lines of one table cell as (text, broke_at_space). A line broke inside a word
    when it holds a single word, ends without a space and fills the cell to its right
    edge: the word was too long for the cell ("Verantwoordelijkh" / "eid")."""
    pieces = [s for s in _CELL_PIECE.findall(raw) if s.strip()]
    out = [(" ".join(s.split()), True) for s in pieces]
    if len(out) < 2:
        return out
    inside = sorted(
        (r for r in rects if xl <= (r[0] + r[2]) / 2 <= xr and yb <= (r[1] + r[3]) / 2 <= yt),
        key=lambda r: -r[1],
    )
    lines: list[list[float]] = []  # [top, x0, x1]
    for left, top, right, _ in inside:
        if lines and abs(lines[-1][0] - top) < 2:
            lines[-1][1] = min(lines[-1][1], left)
            lines[-1][2] = max(lines[-1][2], right)
        else:
            lines.append([top, left, right])
    if len(lines) != len(out):
        return out
    pad = min(max(min(x0 for _, x0, _ in lines) - xl, 1.0), 10.0)
    for i, ((text, _), piece, (_, x0, x1)) in enumerate(zip(out, pieces, lines)):
        if i == len(out) - 1 or piece[-1].isspace() or " " in text or piece[-1] in HYPHEN_MARKS:
            continue
        char_w = (x1 - x0) / max(len(text), 1)
        if x1 >= xr - pad - 1.6 * char_w:
            out[i] = (text, False)
    return out


# --------------------------------------------------------------------------- text joining


def _bullet(text: str) -> tuple[bool, str]:
    """(is_list_item, text without the bullet or number label)."""
    ch = text[0]
    if ch in _BULLET_CHARS or "\ue000" <= ch <= "\uf8ff" or ch in "\uf0b7\uf0a7\uf076\uf0d8\uf0fc":
        rest = text[1:].lstrip()
        if ch in "-–—*" and not text[1:2].isspace():
            return False, text  # "-3" or "--" is not a bullet
        return bool(rest), rest or text
    m = _NUMBER_LABEL.match(text)
    if m:
        return True, text[m.end() :]
    return False, text


# --------------------------------------------------------------------------- main


def extract_pdf(data: bytes, path: str, sha256: str, password: str | None = None) -> Document:
    pdf = _open(data, path, password)
    try:
        return _extract(pdf, path, sha256)
    finally:
        pdf.close()


def _extract(pdf: pdfium.PdfDocument, path: str, sha256: str) -> Document:
    n_pages = len(pdf)
    if n_pages > MAX_PAGES:
        raise DossierError(path, f"has {n_pages} pages; the limit is {MAX_PAGES}")
    if n_pages == 0:
        raise DossierError(path, "is a PDF without pages")
    warnings: list[str] = []
    pages: list[list[Line]] = []
    tables: list[list[Table]] = []
    heights: list[float] = []
    scanned: list[int] = []  # pages with images but no text layer
    words = 0
    for i in range(n_pages):
        page = pdf[i]
        try:
            w, h = page.get_size()
            tp = page.get_textpage()
            try:
                lines = _page_lines(tp, i + 1)
                page_tables = _find_tables(page, tp, i + 1, w, h) if lines else []
            finally:
                tp.close()
            if not lines and _looks_scanned(page):
                scanned.append(i + 1)
        finally:
            page.close()
        words += sum(len(ln.text.split()) for ln in lines)
        if words > MAX_WORDS:
            raise DossierError(path, f"has more than {MAX_WORDS} words by page {i + 1}; the limit is {MAX_WORDS}")
        pages.append(lines)
        tables.append(page_tables)
        heights.append(h)
    unread = _read_scans(pdf, scanned, pages, path, warnings) if scanned else []
    empty_pages = [i + 1 for i, lines in enumerate(pages) if not lines and i + 1 not in unread]
    if empty_pages and len(empty_pages) < n_pages:
        warnings.append(f"{len(empty_pages)} page(s) without text: {_ranges(empty_pages)}")
    if not any(pages):
        if scanned:
            _no_text(path, scanned, unread)
        return Document(path=path, sha256=sha256, format="pdf", pages=n_pages, blocks=[], warnings=warnings)

    _mark_running_lines(pages, heights)
    for lines, page_tables in zip(pages, tables):
        if not page_tables:
            continue
        for line in lines:
            cy = (line.top + line.bottom) / 2
            cx = line.x0 + 1
            for k, t in enumerate(page_tables):
                l, b, r, tp_ = t.bbox
                if l - 1 <= cx <= r + 1 and b - 1 <= cy <= tp_ + 1:
                    line.table = k
                    break
    blocks = _build_blocks(pages, tables)
    if not blocks and scanned:
        _no_text(path, scanned, unread)
    return Document(path=path, sha256=sha256, format="pdf", pages=n_pages, blocks=blocks, warnings=warnings)


def _looks_scanned(page) -> bool:
    """A page without a text layer that has images (or text drawn as outlines)."""
    n = pdfium_c.FPDFPage_CountObjects(page)
    get_obj = pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    paths = 0
    for i in range(min(max(n, 0), MAX_OBJECTS_FOR_TABLES)):
        kind = get_type(get_obj(page, i))
        if kind in (_PAGEOBJ_IMAGE, _PAGEOBJ_FORM):
            return True
        paths += kind == _PAGEOBJ_PATH
    return paths >= MIN_PATHS_FOR_OCR


def _no_text(path: str, scanned: list[int], unread: list[int]) -> None:
    from assessor.extract import ocr

    why = ocr.unavailable()
    if unread and why:
        raise DossierError(path, f"contains no readable text; page(s) {_ranges(unread)} have no text layer (scanned?); {why}")
    if unread:
        raise DossierError(path, f"contains no readable text; OCR failed on its scanned page(s) {_ranges(unread)}")
    raise DossierError(path, f"contains no readable text; OCR found none on its scanned page(s) {_ranges(scanned)}")


def _read_scans(pdf: pdfium.PdfDocument, scanned: list[int], pages: list[list[Line]], path: str, warnings: list[str]) -> list[int]:
    """OCR the scanned pages (see `ocr`) into `pages`; return the pages left unread."""
    from assessor.extract import ocr

    why = ocr.unavailable()
    if why is not None:
        if not any(pages):
            raise DossierError(path, f"has no text layer (scanned pages?); {why}")
        warnings.append(f"{len(scanned)} page(s) without a text layer (scanned?) not read: {_ranges(scanned)}; {why}")
        return scanned
    if len(scanned) > ocr.MAX_OCR_PAGES:
        raise DossierError(
            path, f"has {len(scanned)} scanned pages without a text layer; OCR is limited to {ocr.MAX_OCR_PAGES} pages"
        )
    budget = ocr.Budget()
    found: dict[int, list] = {}
    failed: dict[int, str] = {}
    for n in scanned:
        page = pdf[n - 1]
        try:
            found[n] = ocr.ocr_page(page, n, path, budget.page_timeout(path))
        except ocr.PageFailed as exc:
            failed[n] = f"{n} ({exc})"
        finally:
            page.close()
    if failed:
        warnings.append(f"OCR mislukt op pagina {', '.join(failed.values())}; die pagina's zijn niet gelezen")
    # OCR sizes are estimates: put its body size on the text layer's, if there is one.
    sizes: Counter = Counter()
    for lines in pages:
        for ln in lines:
            sizes[ln.size] += len(ln.text)
    text_body = sizes.most_common(1)[0][0] if sizes else None
    for n, lines in ocr.smooth_sizes(found, text_body).items():
        pages[n - 1] = [
            Line(o.text, n, o.x0, o.x1, o.top, o.bottom, o.size, False, o.base, o.base, True) for o in lines
        ]
    read = [n for n in scanned if pages[n - 1]]
    if read:
        which = f"pagina {read[0]}" if len(read) == 1 else f"pagina's {_ranges(read)}"
        warnings.append(f"{which} via OCR gelezen (Tesseract); citaten daaruit kunnen leesfouten bevatten")
    return list(failed)


def _ranges(nums: list[int]) -> str:
    out = []
    start = prev = nums[0]
    for n in nums[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _mark_running_lines(pages: list[list[Line]], heights: list[float]) -> None:
    """Mark running headers/footers and page numbers as dropped."""
    key_pages: dict[str, list[tuple[int, float]]] = defaultdict(list)
    candidates: list[tuple[Line, str]] = []
    text_pages = sum(1 for p in pages if p)
    for lines, h in zip(pages, heights):
        if not lines:
            continue
        by_y = sorted(lines, key=lambda ln: -ln.top)
        zone = 0.12 * h
        picked = {id(x): x for x in by_y[:3] + by_y[-3:]}.values()
        for ln in picked:
            in_top = ln.bottom >= h - zone - 20 or ln is by_y[0]
            in_bottom = ln.top <= zone + 20 or ln is by_y[-1]
            if not (in_top or in_bottom):
                continue
            if (ln is by_y[0] or ln is by_y[-1] or ln.top <= zone or ln.bottom >= h - zone) and (
                _PAGE_NUMBER.match(ln.text) or _ROMAN_PAGE.match(ln.text)
            ):
                ln.drop = True
                continue
            key = re.sub(r"\d+", "#", ln.text.lower())
            key = " ".join(key.split())
            key_pages[key].append((ln.page, ln.base))
            candidates.append((ln, key))
    threshold = max(2, int(0.4 * text_pages + 0.999))
    if text_pages < 2:
        return
    for ln, key in candidates:
        # the same text at the same height on many pages
        same_place = {page for page, base in key_pages[key] if abs(base - ln.base) <= 4}
        if len(same_place) >= threshold:
            ln.drop = True


def _build_blocks(pages: list[list[Line]], tables: list[list[Table]]) -> list[Block]:
    body = [ln for p in pages for ln in p if not ln.drop and ln.table < 0]
    size_chars: Counter = Counter()
    bold_chars = 0
    for ln in body:
        size_chars[ln.size] += len(ln.text)
    body_size = size_chars.most_common(1)[0][0] if size_chars else 11.0
    at_body = [ln for ln in body if abs(ln.size - body_size) < 0.6]
    bold_chars = sum(len(ln.text) for ln in at_body if ln.bold)
    body_bold = bold_chars > 0.6 * max(1, sum(len(ln.text) for ln in at_body))
    # Right edge of body text per page (for "short last line" paragraph breaks).
    right_edge: dict[int, float] = {}
    left_edge: dict[int, float] = {}
    all_x1 = sorted(ln.x1 for ln in at_body if ln.table < 0)
    doc_right = all_x1[int(0.9 * (len(all_x1) - 1))] if all_x1 else None
    for page_lines in pages:
        if not page_lines:  # a blank or unread page
            continue
        xs = sorted(ln.x1 for ln in page_lines if not ln.drop and ln.table < 0 and abs(ln.size - body_size) < 0.6)
        ls = sorted(ln.x0 for ln in page_lines if not ln.drop and ln.table < 0 and abs(ln.size - body_size) < 0.6)
        if len(xs) >= 8:
            right_edge[page_lines[0].page] = xs[int(0.9 * (len(xs) - 1))]
            left_edge[page_lines[0].page] = ls[int(0.1 * (len(ls) - 1))]
        elif doc_right is not None:  # too few lines on the page to tell
            right_edge[page_lines[0].page] = doc_right

    # Usual baseline-to-baseline distance inside a paragraph, relative to font size.
    ratios: Counter = Counter()
    for page_lines in pages:
        prev = None
        for ln in page_lines:
            if ln.drop or ln.table >= 0:
                prev = None
                continue
            if prev is not None and abs(prev.size - ln.size) < 0.6 and ln.size > 0:
                dy = prev.base_end - ln.base
                if 0 < dy < 3 * ln.size:
                    ratios[round(dy / ln.size * 20) / 20] += 1
            prev = ln
    pitch = ratios.most_common(1)[0][0] if ratios else 1.25
    pitch = min(max(pitch, 0.9), 2.6)

    # Words of the document (hyphenation decisions) and whether this producer keeps the
    # space at a line break (then a break without one fell inside a word).
    vocab = Vocabulary(["\n".join(ln.text for ln in body)])
    cell_words: list[str] = []
    for page_tables in tables:
        for t in page_tables:
            for row in t.rows:
                for cell in row:
                    # not the pieces of a word broken inside the cell
                    for i, (text, at_space) in enumerate(cell):
                        if at_space and (i == 0 or cell[i - 1][1]):
                            cell_words.append(text)
                            continue
                        words = text.split()
                        first = 1 if i and not cell[i - 1][1] else 0
                        last = -1 if not at_space else None
                        cell_words.append(" ".join(words[first:last]))
    vocab.add("\n".join(cell_words))

    def join(lines: list[Line]) -> str:
        return join_lines([ln.text for ln in lines], vocab)

    def cell_text(cell: list[tuple[str, bool]]) -> str:
        return join_lines([t for t, _ in cell], vocab, [at_space for _, at_space in cell])

    def _short(ln: Line, nxt: Line) -> bool:
        """Does the line stop so early that the next line's first word would have fit?"""
        redge = right_edge.get(ln.page)
        if redge is None:
            return True
        char_w = (ln.x1 - ln.x0) / max(len(ln.text), 1)
        first_word = nxt.text.split(" ", 1)[0]
        return ln.x1 + char_w * (len(first_word) + 1.5) < redge

    def heading_style(ln: Line) -> bool:
        if ln.size >= body_size + 0.9:
            return True
        return ln.bold and not body_bold and ln.size >= body_size - 0.6

    # ---- group lines into raw blocks
    raw: list[dict] = []  # {kind, lines:[Line], sig, table}
    cur: dict | None = None
    for page_lines, page_tables in zip(pages, tables):
        for ln in page_lines:
            if ln.drop:
                continue
            if ln.table >= 0:
                t = page_tables[ln.table]
                if not t.emitted:
                    t.emitted = True
                    raw.append({"kind": "table", "table": t, "lines": [ln]})
                cur = None
                continue
            if _TOC_LINE.search(ln.text):
                cur = None
                continue
            sig = (ln.size, ln.bold)
            is_item, _ = _bullet(ln.text)
            hstyle = heading_style(ln)
            new = True
            if cur is not None:
                prev: Line = cur["lines"][-1]
                same_sig = abs(prev.size - ln.size) < 0.6 and prev.bold == ln.bold
                column_jump = ln.page == prev.page and prev.base_end - ln.base < 0 and ln.x0 > prev.x0 + 50
                if ln.page == prev.page and not column_jump:
                    dy = prev.base_end - ln.base
                    size = max(ln.size, prev.size, 1.0)
                    close = 0.3 * size <= dy <= (pitch + 0.3) * size
                    new = not (same_sig and close)
                    if not new and is_item and not hstyle:
                        # "3) en laten we ..." inside a running sentence is no list item
                        numbered = ln.text[:1] not in _BULLET_CHARS and not ("\ue000" <= ln.text[:1] <= "\uf8ff")
                        if numbered and cur["kind"] == "para" and prev.text[-1:] not in ".:;!?" and not _short(prev, ln):
                            is_item = False
                        else:
                            new = True
                    if not new and cur["kind"] == "item" and ln.x0 <= cur["lines"][0].x0 + 2:
                        new = True  # not indented under the item text
                    if not new and cur["kind"] == "para" and not hstyle:
                        if prev.text[-1:] in ".:!?" and _short(prev, ln):
                            new = True
                else:
                    # continue a paragraph across a page or column break
                    new = not (
                        same_sig
                        and cur["kind"] in ("para", "item")
                        and not hstyle
                        and not is_item
                        and not _short(prev, ln)  # a paragraph's last line is short
                    )
            if new:
                kind = "item" if is_item and not hstyle else "para"
                cur = {"kind": kind, "lines": [ln], "sig": sig, "hstyle": hstyle}
                raw.append(cur)
            else:
                cur["lines"].append(ln)

    # ---- classify headings
    def is_heading(rb: dict) -> bool:
        if rb["kind"] == "table" or not rb["hstyle"]:
            return False
        lines = rb["lines"]
        if len(lines) > 3:
            return False
        text = " ".join(ln.text for ln in lines)
        words = text.split()
        if len(words) > 20 or not any(c.isalpha() for c in text):
            return False
        if text[-1] in ".;," and not text.endswith("..."):
            # big display type may end in ".", and so may a short numbered section title
            # in heading style ("3.1 Gastvrij. Gedreven. Grensverleggend.")
            return lines[0].size >= body_size + 3 or (len(words) <= 12 and bool(_NUMBERED_TITLE.match(text)))
        return True

    heads = [rb for rb in raw if is_heading(rb)]
    sigs = Counter(rb["sig"] for rb in heads)
    ordered = sorted(sigs, key=lambda s: (-s[0], not s[1]))
    level_of: dict[tuple, int] = {}
    if len(ordered) > 1 and sigs[ordered[0]] == 1 and heads[0]["sig"] == ordered[0] and heads[0]["lines"][0].page <= 2:
        level_of[ordered[0]] = 1  # the document title
        ordered = ordered[1:]
    for rank, s in enumerate(ordered):
        level_of[s] = min(rank + 1, 6)

    # A table broken by a page break continues when the next block is a table of the
    # same width at the top of the next page.
    merged: list[dict] = []
    for rb in raw:
        if (
            rb["kind"] == "table"
            and merged
            and merged[-1]["kind"] == "table"
            and rb["table"].page == max(merged[-1]["table"].page, merged[-1]["table"].last_page) + 1
            and len(rb["table"].rows[0]) == len(merged[-1]["table"].rows[0])
        ):
            _continue_table(merged[-1]["table"], rb["table"], cell_text, vocab)
            merged[-1]["table"].last_page = rb["table"].page  # a table may run over three pages
            continue
        merged.append(rb)
    raw = merged

    tracker = SectionTracker()
    blocks: list[Block] = []
    for rb in raw:
        if rb["kind"] == "table":
            t: Table = rb["table"]
            cells = tuple(tuple(cell_text(c) for c in row) for row in t.rows)
            text = "\n".join(" | ".join(r) for r in cells)
            blocks.append(Block(kind=BlockKind.table, text=text, page=t.page, section=tracker.path, cells=cells))
            continue
        lines = rb["lines"]
        page = lines[0].page
        if is_heading(rb):
            text = join(lines)
            level = level_of[rb["sig"]]
            section = tracker.heading(level, text)
            blocks.append(Block(kind=BlockKind.heading, text=text, level=level, page=page, section=section))
            continue
        kind = BlockKind.paragraph
        if rb["kind"] == "item":
            _, first = _bullet(lines[0].text)
            lines = [_replace_text(lines[0], first)] + lines[1:]
            kind = BlockKind.list_item
        text = join(lines)
        if text:
            blocks.append(Block(kind=kind, text=text, page=page, section=tracker.path))
    return blocks


def _replace_text(line: Line, text: str) -> Line:
    return Line(text, line.page, line.x0, line.x1, line.top, line.bottom, line.size, line.bold,
                line.base, line.base_end, line.at_space)


def _continue_table(first: Table, cont: Table, cell_text, vocab: Vocabulary) -> None:
    """Append the rows of a table's continuation on the next page. A repeated header row
    is dropped; a row broken by the page break (its continuation has empty cells where
    the row has text, or its label goes on in lowercase) is glued back together."""
    rows = cont.rows
    as_text = lambda row: [cell_text(c) for c in row]  # noqa: E731
    if rows and first.rows and as_text(rows[0]) == as_text(first.rows[0]):
        rows = rows[1:]
    if rows and first.rows:
        last, head = as_text(first.rows[-1]), as_text(rows[0])
        # the continuation of a row broken by the page: cells that were complete on the
        # first page are empty, the row label does not start anew
        empty_here = any(not h and lt for h, lt in zip(head, last))
        few = sum(bool(h) for h in head) * 2 <= sum(bool(lt) for lt in last)
        # a row label that goes on in lower case ("Iedereen leert" / "mee") is the same row
        label_goes_on = bool(head[0]) and head[0][:1].islower() and bool(last[0])
        if any(head) and ((empty_here and (not head[0] or head[0][:1].islower() or few)) or label_goes_on):
            first.rows[-1] = [_glue_cell(a, b, vocab) for a, b in zip(first.rows[-1], rows[0])]
            rows = rows[1:]
    first.rows = first.rows + rows


def _glue_cell(top: list[tuple[str, bool]], rest: list[tuple[str, bool]], vocab: Vocabulary) -> list[tuple[str, bool]]:
    """A cell broken by the page: the word cut at the break ("Clusterrapporta" / "ge") is
    one word when the document uses it whole elsewhere."""
    if top and rest and rest[0][0][:1].islower():
        cut, goes_on = top[-1][0].split()[-1:], rest[0][0].split()[:1]
        if cut and goes_on and (cut[0] + goes_on[0]).lower() in vocab.words:
            top = top[:-1] + [(top[-1][0], False)]
    return top + rest
