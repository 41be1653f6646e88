"""OCR for PDF pages without a text layer (scanned dossiers), with Tesseract's Dutch model.

Optional: when the ``tesseract`` program and its ``nld`` model are installed (Debian:
``apt-get install tesseract-ocr tesseract-ocr-nld``), a page that has images but no text
is rendered in grey at 200 dpi with PDFium and read by ``tesseract stdin stdout -l nld
hocr``. The hOCR lines (text, box, baseline, a size from the ascender height) come back in PDF
points so that the PDF extractor builds paragraphs, headings and lists from them exactly
as it does from a text layer. Pages that have a text layer are never OCR'd.

Bounded: at most `MAX_OCR_PAGES` pages per dossier (else the dossier is refused), at
most `MAX_PIXELS` per rendered page, `PAGE_TIMEOUT` seconds per page and
`TOTAL_TIMEOUT` seconds per dossier. Tesseract runs with ``OMP_THREAD_LIMIT=1``: its
OpenMP threads make it many times slower, not faster (about 2 s per page against 18 s).
Set ``ASSESSOR_OCR=0`` to switch OCR off.

No Pillow, no pytesseract: the page goes to Tesseract as a PGM image on standard input.
"""

from __future__ import annotations

import html
import math
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from assessor.errors import DossierError

#: Dossiers with more scanned pages than this are refused (OCR costs ~2 s a page).
MAX_OCR_PAGES = 60
#: Render resolution for OCR: on the sample dossiers scanned at 200 and 300 dpi, 200
#: reads as well as 300 (94-95% of the words) in two thirds of the time.
DPI = 200
#: Largest rendered page in pixels (A4 at 200 dpi is 3.9 million); bigger pages are rendered smaller.
MAX_PIXELS = 25_000_000
#: Seconds Tesseract may take for one page, and for all pages of one dossier.
PAGE_TIMEOUT = 60.0
TOTAL_TIMEOUT = 300.0
LANGUAGE = "nld"
#: Ascender height as a share of the font size (Latin fonts: 0.7-0.78).
ASCENDER_SHARE = 0.75
#: OCR sizes up to this factor above the body size are taken as body text.
SNAP = 1.05
INSTALL_HINT = "install Tesseract for OCR: apt-get install tesseract-ocr tesseract-ocr-nld"

_SPAN = re.compile(r"<span class=['\"](ocr_line|ocr_header|ocr_caption|ocr_textfloat|ocrx_word)['\"][^>]*?title=(['\"])(.*?)\2[^>]*>")
_END = re.compile(r"</span>")
_TAG = re.compile(r"<[^>]+>")
_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?\d+)")
_XSIZE = re.compile(r"x_size ([\d.]+)")
_XDESC = re.compile(r"x_descenders ([\d.]+)")


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line read by OCR, in PDF points (y grows upwards, as in PDFium)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # estimated font size in points
    base: float  # baseline y


def _switched_off() -> bool:
    return os.environ.get("ASSESSOR_OCR", "").strip().lower() in ("0", "no", "off", "false")


def _tesseract() -> str | None:
    return None if _switched_off() else shutil.which("tesseract")


@lru_cache(maxsize=4)
def _languages(exe: str) -> frozenset[str]:
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20, env=_env(), check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (out.stdout + "\n" + out.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and " " not in ln.strip())


def state() -> str:
    """A cheap fingerprint of whether OCR can run (no subprocess): for cache keys."""
    return "off" if _switched_off() else (_tesseract() or "absent")


def unavailable() -> str | None:
    """None when OCR can run; otherwise why not and how to enable it (one line)."""
    if _switched_off():
        return "OCR is switched off (ASSESSOR_OCR=0)"
    exe = _tesseract()
    if exe is None:
        return INSTALL_HINT
    if LANGUAGE not in _languages(exe):
        return "Tesseract has no Dutch model; install it: apt-get install tesseract-ocr-nld"
    return None


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _pgm(page, scale: float) -> bytes:
    """The page rendered in grey at `scale` as a binary PGM image."""
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        w, h, stride, channels = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
        raw = bytes(bitmap.buffer)
    finally:
        bitmap.close()
    if channels == 1 and stride == w:
        pixels = raw[: w * h]
    else:  # padded rows, or colour after all: one byte (channel) per pixel
        pixels = b"".join(raw[r * stride : r * stride + w * channels : channels] for r in range(h))
    return b"P5\n%d %d\n255\n" % (w, h) + pixels


def page_scale(width: float, height: float) -> float:
    """Render scale for a page of `width` x `height` points: `DPI`, less for huge pages."""
    if not (width > 0 and height > 0) or not math.isfinite(width * height):
        return 0.0
    return min(DPI / 72, math.sqrt(MAX_PIXELS / (width * height)))


def ocr_page(page, page_no: int, path: str, timeout: float = PAGE_TIMEOUT) -> list[OcrLine]:
    """OCR one pypdfium2 page; its lines in reading order (Tesseract's), in PDF points.
    Raises `PageFailed` when Tesseract fails on the page or runs out of time."""
    exe = _tesseract()
    if exe is None:  # pragma: no cover - callers check `unavailable()` first
        raise DossierError(path, f"page {page_no} has no text layer; {INSTALL_HINT}")
    width, height = page.get_size()
    scale = page_scale(width, height)
    if scale <= 0:
        return []
    image = _pgm(page, scale)
    dpi = max(70, round(72 * scale))
    try:
        proc = subprocess.run(
            [exe, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi), "--psm", "3", "hocr"],
            input=image,
            capture_output=True,
            timeout=max(1.0, timeout),
            env=_env(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PageFailed(f"took longer than {timeout:.0f} s") from None
    except OSError as exc:
        raise DossierError(path, f"cannot run Tesseract for OCR ({exc.strerror or exc})") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PageFailed(f"Tesseract: {' '.join(detail[-1].split())[:120]}" if detail else f"Tesseract exit {proc.returncode}")
    return parse_hocr(proc.stdout.decode("utf-8", "replace"), scale, height)


class PageFailed(Exception):
    """OCR of one page failed (Tesseract's error or time-out): that page stays unread."""


def parse_hocr(hocr: str, scale: float, page_height: float) -> list[OcrLine]:
    """Lines of a Tesseract hOCR page, converted from pixels to PDF points."""
    rows: list[tuple[str, list[str]]] = []  # (line title, words)
    for m in _SPAN.finditer(hocr):
        if m.group(1) != "ocrx_word":
            rows.append((m.group(3), []))
        elif rows:
            end = _END.search(hocr, m.end())
            word = hocr[m.end() : end.start() if end else len(hocr)]
            rows[-1][1].append(html.unescape(_TAG.sub("", word)).strip())
    out: list[OcrLine] = []
    for title, words in rows:
        text = " ".join(w for w in words if w)
        box = _BBOX.search(title)
        if not text or not box or not any(ch.isalnum() for ch in text):
            continue
        x0, y0, x1, y1 = (int(v) / scale for v in box.groups())
        bl = _BASELINE.search(title)
        base_px = int(box.group(4)) + (float(bl.group(2)) if bl else 0.0)
        xs, xd = _XSIZE.search(title), _XDESC.search(title)
        # x_size is Tesseract's row height (ascender to descender); without the
        # descenders it is the ascender height, about 3/4 of the font size and steadier
        # from line to line than the row height.
        if xs:
            size_px = (float(xs.group(1)) - (float(xd.group(1)) if xd else 0.0)) / ASCENDER_SHARE
        else:
            size_px = (y1 - y0) * scale
        size = round(size_px / scale * 2) / 2
        out.append(
            OcrLine(
                text=" ".join(text.split()),
                x0=x0,
                x1=x1,
                top=page_height - y0,
                bottom=page_height - y1,
                size=size,
                base=page_height - base_px / scale,
            )
        )
    return out


#: Tesseract reads a bullet ("•", "▪", "") as one of these on its own.
_BULLET_READINGS = {"e", "©", "°", "«", "»", "¢", "®", "*", "•", "·", "o", "+", "■", "□", "▪", "e@"}


def _bullet_line(text: str) -> str:
    first, _, rest = text.partition(" ")
    if rest and first in _BULLET_READINGS and rest[:1].isalnum():
        return "• " + rest
    return text


def smooth_sizes(pages: dict[int, list[OcrLine]], text_body: float | None = None) -> dict[int, list[OcrLine]]:
    """Even out OCR's size estimates (they vary from line to line): sizes below the
    body size or up to 5% above it become the body size, larger ones are grouped.
    With `text_body` (the body size of the dossier's text-layer pages) every size is
    scaled so that the OCR body size equals it. Bullets read as letters become "•"."""
    chars: Counter = Counter()
    for lines in pages.values():
        for ln in lines:
            chars[ln.size] += len(ln.text)
    if not chars:
        return {n: [] for n in pages}
    body = chars.most_common(1)[0][0]
    factor = text_body / body if text_body and body > 0 else 1.0
    # Larger sizes (headings) in clusters of neighbours no more than half a point
    # apart, each cluster at its most common size: one heading style, one size.
    larger = sorted(s for s in chars if s > SNAP * body)
    target: dict[float, float] = {}
    group: list[float] = []
    for s in larger + [math.inf]:
        if group and s - group[-1] > 0.5:
            common = max(group, key=lambda g: (chars[g], g))
            target.update((g, common) for g in group)
            group = []
        group.append(s)
    out: dict[int, list[OcrLine]] = {}
    for n, lines in pages.items():
        smoothed = []
        for ln in lines:
            size = target.get(ln.size, body)
            smoothed.append(replace(ln, text=_bullet_line(ln.text), size=round(size * factor * 2) / 2))
        out[n] = smoothed
    return out


class Budget:
    """Time left for the OCR of one dossier."""

    def __init__(self, total: float | None = None) -> None:
        self.total = TOTAL_TIMEOUT if total is None else total
        self.deadline = time.monotonic() + self.total

    def page_timeout(self, path: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DossierError(path, f"OCR took longer than {self.total:.0f} s in all; refused")
        return min(PAGE_TIMEOUT, left)
