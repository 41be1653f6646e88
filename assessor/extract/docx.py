"""DOCX dossiers via python-docx.

The body is walked in order: paragraphs and tables interleaved, content controls
(``w:sdt``) and text boxes opened; headers, footers, footnotes, comments and deleted
text are not part of the body and so never reach the dossier. A table of contents
(TOC styles) is skipped: it repeats the headings.

Headings come from the paragraph's outline level or style (Heading N / Kop N /
Title), and from manual formatting: a short (< 16 words) paragraph without a final
period whose text is all bold or set larger than the body text (level by size rank).
``paragraph`` is the 1-based index of the body paragraph (as in python-docx's
``Document.paragraphs``, empty paragraphs counted); a table carries the number the
next paragraph will have. Pages are unknown in a DOCX: ``page`` is None.

Safety: the ZIP central directory is checked before anything is decompressed
(zip bombs), and any XML part that declares a DOCTYPE (entity expansion, XXE) is
refused; python-docx's own parser is also set to ``resolve_entities=False``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from assessor.document import Block, BlockKind, Document, SectionTracker
from assessor.errors import DossierError
from assessor.extract.common import join_lines

#: Largest uncompressed word/document.xml we accept (parsing takes ~16x its size in
#: memory; a long dossier's document.xml is a few MB).
MAX_DOCUMENT_XML_BYTES = 32 * 1024 * 1024
#: Largest uncompressed size of all parts together (python-docx holds them in memory).
MAX_TOTAL_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
#: Highest compression ratio accepted for a large part (zip-bomb signature).
MAX_RATIO = 200

MANUAL_HEADING_MAX_WORDS = 15

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_HEADING_NAME = re.compile(r"^(?:heading|kop|überschrift|titre)\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "titel"}
_TOC_NAME = re.compile(r"^(?:toc|inhopg|inhoudsopgave|verz)\s*\d*$|^toc heading$|^kop van inhoudsopgave$", re.I)
_LIST_NAME = re.compile(r"list|lijst|opsomming", re.I)
_FALSE = {"0", "false", "off", "none"}


# --------------------------------------------------------------------------- safety


def check_package(data: bytes, path: str) -> None:
    """Refuse zip bombs and XML with DOCTYPE declarations before python-docx parses."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise DossierError(path, "is a damaged DOCX file (truncated or corrupt)") from None
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_UNCOMPRESSED_BYTES:
            raise DossierError(path, f"unpacks to {total // 2**20} MB; refused as a possible zip bomb")
        try:
            doc_info = zf.getinfo("word/document.xml")
        except KeyError:
            doc_info = None
        if doc_info is not None and doc_info.file_size > MAX_DOCUMENT_XML_BYTES:
            raise DossierError(
                path,
                f"word/document.xml unpacks to {doc_info.file_size // 2**20} MB "
                f"(limit {MAX_DOCUMENT_XML_BYTES // 2**20} MB); refused as a possible zip bomb",
            )
        for info in infos:
            if info.file_size > 10 * 2**20 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise DossierError(path, f"{info.filename} is compressed {info.file_size // info.compress_size}:1; refused as a possible zip bomb")
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                with zf.open(info) as fh:
                    _scan_for_doctype(fh, info.filename, path)
            except DossierError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, zipfile.LargeZipFile) as exc:
                raise DossierError(path, f"is a damaged DOCX file ({info.filename}: {exc})") from None
            except NotImplementedError:
                raise DossierError(path, f"uses an unsupported ZIP compression for {info.filename}") from None
            except RuntimeError:
                raise DossierError(path, "is an encrypted ZIP file") from None


_WIDE_DOCTYPE = tuple(
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _scan_for_doctype(fh, member: str, path: str) -> None:
    # Escaped text never holds a raw "<!", so a raw "<!DOCTYPE"/"<!ENTITY" is markup.
    tail = b""
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            return
        buf = tail + chunk
        if b"<!DOCTYPE" in buf or b"<!ENTITY" in buf or any(d in buf for d in _WIDE_DOCTYPE):
            raise DossierError(path, f"{member} declares a DOCTYPE (XML entities); refused for safety")
        tail = buf[-40:]


# --------------------------------------------------------------------------- styles


@dataclass
class StyleInfo:
    name: str = ""
    outline: int | None = None  # 0-based outline level (9 = body text)
    bold: bool | None = None
    size: float | None = None  # points
    numbered: bool = False
    heading_level: int | None = None
    is_title: bool = False
    is_toc: bool = False
    is_list: bool = False


@dataclass
class _Para:
    text: str
    number: int
    style: StyleInfo
    outline: int | None
    numbered: bool
    all_bold: bool
    size: float | None  # dominant run size
    inside_textbox: bool = False


@dataclass
class _Table:
    cells: tuple[tuple[str, ...], ...]
    number: int


@dataclass
class _Ctx:
    styles: dict[str, StyleInfo]
    default_para: StyleInfo
    char_styles: dict[str, StyleInfo]
    default_size: float | None
    items: list = field(default_factory=list)
    count: int = 0


def _on(el) -> bool | None:
    if el is None:
        return None
    val = el.get(W + "val")
    return val is None or val.lower() not in _FALSE


def _rpr_props(rpr) -> tuple[bool | None, float | None]:
    if rpr is None:
        return None, None
    bold = _on(rpr.find(W + "b"))
    size = None
    sz = rpr.find(W + "sz")
    if sz is not None:
        try:
            size = int(sz.get(W + "val")) / 2
        except (TypeError, ValueError):
            size = None
    return bold, size


def _outline_level(ppr) -> int | None:
    """The outline level a paragraph or style declares (w:outlineLvl), if it is a number."""
    ol = ppr.find(W + "outlineLvl")
    try:
        return int(ol.get(W + "val")) if ol is not None else None
    except (TypeError, ValueError):
        return None


def _load_styles(document) -> tuple[dict[str, StyleInfo], StyleInfo, dict[str, StyleInfo], float | None]:
    try:
        root = document.styles.element
    except Exception:  # no styles part
        return {}, StyleInfo(), {}, None
    raw: dict[str, dict] = {}
    default_para_id = None
    for st in root.findall(W + "style"):
        sid = st.get(W + "styleId")
        if not sid:
            continue
        name_el = st.find(W + "name")
        based = st.find(W + "basedOn")
        ppr = st.find(W + "pPr")
        outline = None
        numbered = False
        if ppr is not None:
            outline = _outline_level(ppr)
            numbered = ppr.find(W + "numPr") is not None
        bold, size = _rpr_props(st.find(W + "rPr"))
        raw[sid] = dict(
            name=(name_el.get(W + "val") if name_el is not None else sid) or sid,
            based=based.get(W + "val") if based is not None else None,
            outline=outline,
            numbered=numbered,
            bold=bold,
            size=size,
            type=st.get(W + "type"),
        )
        if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
            default_para_id = sid
    default_size = None
    dd = root.find(W + "docDefaults")
    if dd is not None:
        rpr = dd.find(f"{W}rPrDefault/{W}rPr")
        _, default_size = _rpr_props(rpr)
    if default_size is None:
        default_size = 10.0  # Word's built-in default when nothing says otherwise

    resolved: dict[str, StyleInfo] = {}

    def resolve(sid: str, depth: int = 0) -> StyleInfo:
        if sid in resolved:
            return resolved[sid]
        r = raw.get(sid)
        if r is None or depth > 20:
            return StyleInfo()
        parent = resolve(r["based"], depth + 1) if r["based"] and r["based"] != sid else StyleInfo()
        name = r["name"]
        info = StyleInfo(
            name=name,
            outline=r["outline"] if r["outline"] is not None else parent.outline,
            bold=r["bold"] if r["bold"] is not None else parent.bold,
            size=r["size"] if r["size"] is not None else parent.size,
            numbered=r["numbered"] or parent.numbered,
        )
        low = name.strip().lower()
        m = _HEADING_NAME.match(low)
        if m:
            info.heading_level = int(m.group(1))
        elif parent.heading_level and not _TOC_NAME.match(low):
            info.heading_level = parent.heading_level
        info.is_title = low in _TITLE_NAMES or (parent.is_title and "sub" not in low)
        info.is_toc = bool(_TOC_NAME.match(low)) or parent.is_toc
        info.is_list = info.numbered or bool(_LIST_NAME.search(low)) or parent.is_list
        resolved[sid] = info
        return info

    styles = {sid: resolve(sid) for sid, r in raw.items() if r["type"] in (None, "paragraph")}
    chars = {sid: resolve(sid) for sid, r in raw.items() if r["type"] == "character"}
    default_para = styles.get(default_para_id or "Normal") or StyleInfo(name="Normal")
    return styles, default_para, chars, default_size


# --------------------------------------------------------------------------- walking


def _iter_text(p, ctx: _Ctx, textboxes: list):
    """Yield (text, bold, size) per run of paragraph `p`; collect text-box paragraphs."""
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == W + "r":
            yield from _run_text(el, ctx, textboxes)
        elif tag in (W + "pPr", W + "del", W + "moveFrom", MC + "Fallback"):
            continue
        else:
            stack.extend(reversed(list(el)))


def _run_text(r, ctx: _Ctx, textboxes: list):
    rpr = r.find(W + "rPr")
    bold, size = _rpr_props(rpr)
    if rpr is not None:
        rs = rpr.find(W + "rStyle")
        if rs is not None:
            cs = ctx.char_styles.get(rs.get(W + "val"))
            if cs is not None:
                bold = cs.bold if bold is None else bold
                size = cs.size if size is None else size
        if rpr.find(W + "vanish") is not None and _on(rpr.find(W + "vanish")):
            return
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            pass
        elif tag in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
            # text boxes: their paragraphs follow the host paragraph
            for el in child.iter(W + "txbxContent"):
                if any(a.tag == MC + "Fallback" for a in el.iterancestors()):
                    continue
                textboxes.append(el)
    if parts:
        yield "".join(parts), bold, size


def _para_info(p, ctx: _Ctx, textboxes: list) -> _Para:
    ppr = p.find(W + "pPr")
    style = ctx.default_para
    outline = None
    numbered = False
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        if ps is not None:
            style = ctx.styles.get(ps.get(W + "val"), ctx.default_para)
        outline = _outline_level(ppr)
        num = ppr.find(W + "numPr")
        if num is not None:
            nid = num.find(W + "numId")
            numbered = nid is None or nid.get(W + "val") not in ("0", None)
    if outline is None:
        outline = style.outline
    numbered = numbered or style.numbered
    texts: list[str] = []
    bold_chars = 0
    chars = 0
    sizes: Counter = Counter()
    for text, bold, size in _iter_text(p, ctx, textboxes):
        texts.append(text)
        n = len(text.strip())
        if not n:
            continue
        chars += n
        eff_bold = bold if bold is not None else bool(style.bold)
        if eff_bold:
            bold_chars += n
        eff_size = size or style.size or ctx.default_size
        sizes[eff_size] += n
    text = _clean("".join(texts))
    return _Para(
        text=text,
        number=0,
        style=style,
        outline=outline,
        numbered=numbered,
        all_bold=chars > 0 and bold_chars == chars,
        size=sizes.most_common(1)[0][0] if sizes else (style.size or ctx.default_size),
    )


def _clean(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u200b", "")
    if "\n" in text:  # manual line breaks: join like wrapped lines ("samen-" / "werking")
        return join_lines([part.strip() for part in text.split("\n")])
    return " ".join(text.split())


def _cell_text(tc, ctx: _Ctx) -> str:
    out = []
    for el in tc.iter(W + "p"):
        info = _para_info(el, ctx, [])
        if info.text:
            out.append(info.text)
    return " ".join(out)


def _table(tbl, ctx: _Ctx) -> tuple[tuple[str, ...], ...]:
    rows = []
    for tr in tbl.iter(W + "tr"):
        # only rows of this table, not of nested tables
        if next(tr.iterancestors(W + "tbl")) is not tbl:
            continue
        row = []
        for tc in tr.iter(W + "tc"):
            if next(tc.iterancestors(W + "tbl")) is not tbl:
                continue
            tcpr = tc.find(W + "tcPr")
            vm = tcpr.find(W + "vMerge") if tcpr is not None else None
            if vm is not None and vm.get(W + "val") in (None, "continue"):
                row.append("")
            else:
                row.append(_cell_text(tc, ctx))
        if row:
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return tuple(tuple(r + [""] * (width - len(r))) for r in rows)


def _walk(container, ctx: _Ctx) -> None:
    for child in container:
        tag = child.tag
        if tag == W + "p":
            ctx.count += 1
            textboxes: list = []
            info = _para_info(child, ctx, textboxes)
            info.number = ctx.count
            ctx.items.append(info)
            for tb in textboxes:
                for p in tb.iter(W + "p"):
                    sub = _para_info(p, ctx, [])
                    sub.number = ctx.count
                    sub.inside_textbox = True
                    ctx.items.append(sub)
        elif tag == W + "tbl":
            ctx.items.append(_Table(_table(child, ctx), ctx.count + 1))
        elif tag in (W + "sdt",):
            content = child.find(W + "sdtContent")
            if content is not None:
                _walk(content, ctx)
        elif tag in (W + "customXml", W + "smartTag", W + "ins", W + "moveTo"):
            _walk(child, ctx)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                _walk(choice, ctx)


# --------------------------------------------------------------------------- main


def extract_docx(data: bytes, path: str, sha256: str) -> Document:
    check_package(data, path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise DossierError(path, "is not a Word document (no main document part)") from None
    except ValueError as exc:
        msg = str(exc)
        if "content type" in msg:
            ctype = msg.rsplit("content type is", 1)[-1].strip(" '\"")
            kind = "a macro-enabled .docm" if "macroEnabled" in ctype else ("a Word template" if "template" in ctype else f"'{ctype}'")
            raise DossierError(path, f"is {kind}, not a .docx document; save it as .docx or .pdf") from None
        raise DossierError(path, f"is a damaged DOCX file ({msg.splitlines()[0][:120]})") from None
    except KeyError as exc:
        raise DossierError(path, f"is a damaged DOCX file (missing part {exc})") from None
    except zipfile.BadZipFile:
        raise DossierError(path, "is a damaged DOCX file (truncated or corrupt)") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise DossierError(path, f"is a damaged DOCX file ({type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''})") from None

    styles, default_para, char_styles, default_size = _load_styles(document)
    ctx = _Ctx(styles=styles, default_para=default_para, char_styles=char_styles, default_size=default_size)
    body = document.element.body
    _walk(body, ctx)
    return _to_document(ctx, path, sha256)


def _heading_level_from_style(p: _Para) -> int | None:
    if p.style.is_toc:
        return None
    if p.outline is not None and 0 <= p.outline < 9:
        return p.outline + 1
    if p.style.heading_level:
        return p.style.heading_level
    if p.style.is_title:
        return 1
    return None


def _to_document(ctx: _Ctx, path: str, sha256: str) -> Document:
    paras = [it for it in ctx.items if isinstance(it, _Para)]
    # Body text size: the size carrying most characters in ordinary paragraphs.
    body_sizes: Counter = Counter()
    for p in paras:
        if p.text and _heading_level_from_style(p) is None and not p.style.is_toc:
            body_sizes[p.size] += len(p.text)
    body_size = body_sizes.most_common(1)[0][0] if body_sizes else ctx.default_size or 11.0
    body_bold = False
    if body_sizes:
        bold_chars = sum(len(p.text) for p in paras if p.all_bold and _heading_level_from_style(p) is None)
        body_bold = bold_chars > 0.6 * sum(body_sizes.values())

    def manual_candidate(p: _Para) -> bool:
        if not p.text or p.style.is_toc or p.inside_textbox:
            return False
        words = p.text.split()
        if len(words) > MANUAL_HEADING_MAX_WORDS or len(words) == 0:
            return False
        if p.text[-1] in ".;," and not p.text.endswith("..."):
            return False
        if not any(ch.isalpha() for ch in p.text):
            return False
        larger = p.size is not None and body_size is not None and p.size >= body_size + 1
        if p.numbered or p.style.is_list:
            return larger and p.all_bold
        return larger or (p.all_bold and not body_bold)

    has_style_headings = any(_heading_level_from_style(p) for p in paras if p.text)
    manual = {id(p) for p in paras if _heading_level_from_style(p) is None and manual_candidate(p)}
    manual_paras = [p for p in paras if id(p) in manual]
    manual_sizes = sorted({p.size or body_size for p in manual_paras}, reverse=True)
    title_size = None
    if len(manual_sizes) > 1:
        # A document title (largest size, used once, before any other heading)
        # is level 1 but does not push the chapters down a level.
        top = [p for p in manual_paras if (p.size or body_size) == manual_sizes[0]]
        first_heading = next((p for p in paras if id(p) in manual or _heading_level_from_style(p)), None)
        if len(top) == 1 and top[0] is first_heading:
            title_size = manual_sizes.pop(0)
    offset = 0
    if has_style_headings and manual_sizes and max(manual_sizes) <= body_size:
        offset = max(_heading_level_from_style(p) or 0 for p in paras)
    manual_level = {s: min(9, offset + i + 1) for i, s in enumerate(manual_sizes)}
    if title_size is not None:
        manual_level[title_size] = 1

    tracker = SectionTracker()
    blocks: list[Block] = []
    warnings: list[str] = []
    for it in ctx.items:
        if isinstance(it, _Table):
            if not it.cells or not any(any(c for c in row) for row in it.cells):
                continue
            text = "\n".join(" | ".join(row) for row in it.cells)
            blocks.append(Block(kind=BlockKind.table, text=text, paragraph=it.number, section=tracker.path, cells=it.cells))
            continue
        p = it
        if not p.text or p.style.is_toc:
            continue
        level = _heading_level_from_style(p)
        if level is None and id(p) in manual:
            level = manual_level[p.size or body_size]
        if level is not None:
            section = tracker.heading(level, p.text)
            blocks.append(Block(kind=BlockKind.heading, text=p.text, level=level, paragraph=p.number, section=section))
        elif p.numbered or p.style.is_list:
            blocks.append(Block(kind=BlockKind.list_item, text=p.text, paragraph=p.number, section=tracker.path))
        else:
            blocks.append(Block(kind=BlockKind.paragraph, text=p.text, paragraph=p.number, section=tracker.path))
    if not any(b.kind is BlockKind.heading for b in blocks) and blocks:
        warnings.append("no headings found (neither heading styles nor bold/larger short lines)")
    return Document(path=path, sha256=sha256, format="docx", pages=None, blocks=blocks, warnings=warnings)
