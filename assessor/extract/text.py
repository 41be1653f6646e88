"""Markdown and plain-text dossiers.

Markdown: ``#`` headings (and setext ``===``/``---`` underlines), ``-``/``*``/``+``/``1.``
list items, pipe tables, paragraphs separated by blank lines; YAML front matter is
skipped. Plain text: paragraphs separated by blank lines, the same list markers, and
``#`` headings when present. ``paragraph`` is the 1-based number of the block.
"""

from __future__ import annotations

import re

from assessor.document import Block, BlockKind, Document, SectionTracker

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•▪◦‣–]|\d{1,3}[.)])\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|`([^`]*)`")


def decode_text(data: bytes) -> str | None:
    """Decode text content (UTF-8, with or without BOM; UTF-16 with BOM; else
    Windows-1252 when it reads as text). None when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in data[:65536]:
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 1000):
        return None
    return text


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    return " ".join(text.split())


def _row(line: str) -> tuple[str, ...]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return tuple(_inline(c) for c in re.split(r"(?<!\\)\|", line))


def extract_text(data: bytes, path: str, sha256: str, fmt: str) -> Document:
    text = decode_text(data) or ""
    warnings: list[str] = []
    if not _is_utf8(data):
        warnings.append("file is not UTF-8; read as Windows-1252 / UTF-16")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = fmt == "md"
    # YAML front matter
    if lines and lines[0].strip() == "---":
        for j in range(1, min(len(lines), 200)):
            if lines[j].strip() in ("---", "..."):
                lines = lines[j + 1 :]
                break

    blocks: list[Block] = []
    tracker = SectionTracker()
    para: list[str] = []
    item: list[str] | None = None
    in_fence = False

    def add(kind: BlockKind, txt: str, **kw) -> None:
        if kind is not BlockKind.table:
            txt = " ".join(txt.split())
            if not txt:
                return
        section = tracker.heading(kw["level"], txt) if kind is BlockKind.heading else tracker.path
        blocks.append(Block(kind=kind, text=txt, paragraph=len(blocks) + 1, section=section, **kw))

    def flush() -> None:
        nonlocal item
        if para:
            add(BlockKind.paragraph, _inline(" ".join(para)) if markdown else " ".join(para))
            para.clear()
        if item is not None:
            add(BlockKind.list_item, _inline(" ".join(item)) if markdown else " ".join(item))
            item = None

    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        if markdown and line.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            para.append(line)
            i += 1
            continue
        if not line:
            flush()
            i += 1
            continue
        m = _ATX.match(line)
        if m:
            flush()
            add(BlockKind.heading, _inline(m.group(2)), level=len(m.group(1)))
            i += 1
            continue
        if (
            markdown
            and not para
            and item is None
            and i + 1 < len(lines)
            and _SETEXT.match(lines[i + 1])
            and lines[i + 1].strip()
            and not line.startswith("|")
        ):
            level = 1 if lines[i + 1].strip().startswith("=") else 2
            add(BlockKind.heading, _inline(line), level=level)
            i += 2
            continue
        if "|" in line and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            flush()
            rows = [_row(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_row(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            cells = tuple(r + ("",) * (width - len(r)) for r in rows)
            add(BlockKind.table, "\n".join(" | ".join(r) for r in cells), cells=cells)
            continue
        m = _BULLET.match(raw)
        if m and not (line.startswith("**") or (line.startswith("*") and line.endswith("*") and line.count("*") >= 2 and not line.startswith("* "))):
            flush()
            item = [m.group(1)]
            i += 1
            continue
        if item is not None and raw[:1] in (" ", "\t"):
            item.append(line)
            i += 1
            continue
        if item is not None:
            flush()
        para.append(line)
        i += 1
    flush()
    return Document(path=path, sha256=sha256, format=fmt, pages=None, blocks=blocks, warnings=warnings)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False
