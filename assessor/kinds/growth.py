"""`growth`: the growth ambition towards 100% Samen Opleiden: figures, target, path (seed 003, GROW).

Seed 003: all students in a partnership before 2030; the GROW tool walks from the Goal
via the Reality and the Options to the Way forward.

Reads, in prose and in tables, the figures of students trained within the partnership
("131 van de 168 studenten (78 procent)"; a row per school or per year with "Waarvan
binnen het partnerschap"; a column per year), the target and its year ("in 2027 alle
studenten", "Streefwaarde: 100% | Wanneer: juli 2027"), and the growth path: targets per
year, or strategies (new boards, kern-schil, sector-crossing, other partnerships). The
numbers are read by `share`'s parser. It reports the current share computed from the
numbers and whether the stated share matches it, the gap to 100%, the yearly growth
needed to close it by the target year and by the horizon (2030), which GROW elements
are there, and the national figure as context.

Fires when one of `requires` (figures, target, path) is missing; with `below`, only when
the current share is known and below it: a low share without a credible plan.

PASS: "Dit jaar leiden we 131 van de 168 studenten samen op (78 procent). In 2027 willen
      we alle studenten binnen het partnerschap opleiden; daarvoor sluiten in 2025 twee
      nieuwe besturen aan."
FAIL: "Dit jaar leiden we 131 van de 168 studenten samen op (78 procent)."
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assessor.analysis import Analysis, Sentence
from assessor.document import BlockKind
from assessor.kinds.outcome import Outcome
from assessor.kinds.share import Ratio, percents_in, ratios_in, words_in
from assessor.result import Evidence
from rubric.schema import Growth

# The grammar of a table row: cells labelled by the header row ("Nu: 55% | Streefwaarde:
# 75% | Wanneer: juli 2026"), see analysis._table_rows.
_CURRENT_LABEL = re.compile(r"\bnu\b|huidig|beginsituatie|nulmeting|\bstand\b|realisatie|gerealiseerd|startsituatie|uitgangssituatie")
_TARGET_LABEL = re.compile(r"streef|beoogd|resultaat|ambitie|\bdoel|target|mijlpaal|\bnorm\b|gewenst")
_WHEN_LABEL = re.compile(r"wanneer|gereed|datum|deadline|termijn|planning|\bjaar\b|uiterlijk|\bklaar\b")
_SHARE_LABEL = re.compile(r"aandeel|percentage|procent|%")
_PART_LABEL = re.compile(r"^waarvan\b")
_TOTAL = re.compile(r"^(?:totaal|total|samen|alle scholen|gezamenlijk|partnerschap)\b")
_YEAR_LABEL = re.compile(r"^(?:schooljaar |sj )?20[0-4]\d(?:\s?[-/]\s?(?:20)?[0-4]\d)?$")
_YEAR = re.compile(r"\b(20[0-4]\d)(?:\s?[-/]\s?(?:20)?([0-4]\d)\b)?")
_PCT = r"(\d{1,3})(?:[.,]\d+)? ?(?:%|procent)"
_FROM_TO = re.compile(rf"\bvan {_PCT} naar {_PCT}")
_NOW_IN = re.compile(rf"\(\s*nu:? {_PCT}\s*\)")
_ALL = re.compile(r"\balle (?:\w+ )?(?:studenten|stagiairs|pabostudenten|leraren in opleiding)|\b100 ?(?:%|procent)|volledig samen opleiden")
_INT = re.compile(r"^(\d{1,5})\b(?![.,]\d)")
_DAARVAN = re.compile(r"\b(\d{1,5}) daarvan\b|\bdaarvan\b[^.;]{0,40}?\b(\d{1,5})\b(?! ?(?:%|procent))")
_PLAIN_INT = re.compile(r"(?<![\d.,])\b(\d{1,5})\b(?![.,]\d)(?! ?(?:%|procent))")
_NEAR = 30  # characters between a count and the percentage stated beside it
# counts `share` leaves to its context, read here only: "131 van die 168"
_OF_THOSE = re.compile(r"\b(\d{1,4}) van (?:die|deze) (\d{1,5})\b")

GROW = ("goal", "reality", "options", "way_forward")
_GROW_NL = {
    "goal": "Goal (een eigen doel met jaartal)",
    "reality": "Reality (de huidige stand in cijfers)",
    "options": "Options (routes om te groeien)",
    "way_forward": "Way forward (stappen per jaar of gedateerde acties)",
}
_MISSING_NL = {
    "figures": "cijfers over het aantal of aandeel studenten dat binnen het partnerschap wordt opgeleid",
    "target": "een streefdoel met jaartal",
    "path": "een groeipad (per jaar, of via strategieën zoals nieuwe besturen, kern-schil, sectoroverstijgend of samen met andere partnerschappen)",
}


@dataclass
class Figure:
    """A share of students trained within the partnership, as the dossier tells it."""

    sentence: int
    role: str  # "current" or "target"
    share: float  # computed from the counts when there are counts, else the stated share
    part: int | None = None
    whole: int | None = None
    stated: float | None = None
    year: int | None = None
    approx: bool = False  # told in words ("ongeveer de helft")
    total: bool = True  # not one school's row in a table that has a total

    def as_dict(self, a: Analysis) -> dict[str, object]:
        e = a.evidence(self.sentence)
        out: dict[str, object] = {"role": self.role, "share": round(self.share, 3)}
        if self.part is not None:
            out |= {"part": self.part, "whole": self.whole}
        if self.stated is not None:
            out["stated"] = round(self.stated, 3)
        if self.year is not None:
            out["year"] = self.year
        return out | {"quote": e.quote, "page": e.page, "section": e.section, "paragraph": e.paragraph}


def run(c: Growth, a: Analysis) -> Outcome:
    figures = _figures(c, a)
    current = _current(figures, a)
    targets = sorted((f for f in figures if f.role == "target" and f.year), key=lambda f: (f.year, f.share))
    target = targets[-1] if targets else None
    undated = next((f for f in figures if f.role == "target" and not f.year), None)
    milestones = _milestones(targets, target)
    strategies = [h for h in a.affirmed(c.strategies, c.scope, ["present", "future"])]
    dated = [h for h in strategies if _dated_step(a, h.sentence, h.time)]
    grow = {
        "goal": target is not None,
        "reality": current is not None,
        "options": bool(strategies),
        "way_forward": bool(milestones or dated),
    }
    # a partnership at 95% closing the last gap by its dated target needs no strategy to grow
    near_full = current is not None and 1 - current.share <= c.small_gap
    have = {"figures": current is not None, "target": target is not None,
            "path": grow["options"] or grow["way_forward"] or near_full}
    lacking = [p for p in c.requires if not have[p]]
    details: dict[str, object] = {
        "figures": [f.as_dict(a) for f in figures],
        "current": _current_details(current, c) if current else None,
        "target": {"share": round(target.share, 3), "year": target.year} if target else None,
        "milestones": [{"share": round(m.share, 3), "year": m.year} for m in milestones],
        "strategies": sorted({h.match for h in strategies}),
        "grow": grow,
        "horizon": c.horizon,
        "missing": lacking,
    }
    details |= _arithmetic(current, target, c, a)
    if c.national:
        details["national"] = c.national.model_dump()
    if c.below is not None:
        details["below"] = c.below
    passages = _passages(a, current, target, milestones, strategies, undated)
    summary = _summary(current, target, undated, milestones, strategies, grow, details, c)
    low = current is not None and c.below is not None and current.share < c.below
    fired = bool(lacking) and (c.below is None or low)
    if not fired:
        return Outcome(False, support=passages, details=details, summary=summary)
    # the renderers say "Ontbreekt:" before it
    lacking_nl = "; ".join(_MISSING_NL[p] for p in lacking)
    missing = lacking_nl[0].upper() + lacking_nl[1:] + "."
    if c.below is not None and current is not None:
        missing = f"Het aandeel studenten binnen het partnerschap is laag ({_pct(current.share)}) en er is geen geloofwaardig groeiplan: {lacking_nl}."
    return Outcome(True, passages, missing=missing, details=details, summary=summary)


# --- reading the figures --------------------------------------------------------------


def _figures(c: Growth, a: Analysis) -> list[Figure]:
    noise = a.sentences_with(c.unless) if c.unless else set()
    students = a.sentences_with(c.theme, c.scope)
    within = a.sentences_with(c.within, c.scope) - noise
    goal_at: dict[int, list[int]] = {}
    for h in a.hits(c.goals):
        goal_at.setdefault(h.sentence, []).append(h.start)
    figures: list[Figure] = []
    done: set[int] = set()
    for si in sorted(within):
        if si in done:
            continue
        s = a.sentences[si]
        prev = si - 1 if si > 0 and a.sentences[si - 1].block == s.block else None
        if si not in students and (prev is None or prev not in students):
            continue  # "het aandeel ligt op 82%" counts after a sentence about students
        if a.document.blocks[s.block].kind is BlockKind.table:
            found, used = _row(c, a, si, within, noise)
            figures += found
            done |= used
        else:
            figures += _prose(a, s, goal_at.get(si, []), prev)
    return _totals(a, figures)


def _cells(norm: str) -> list[tuple[str, str]]:
    out = []
    for part in norm.split(" | "):
        label, sep, value = part.partition(": ")
        out.append((label.strip(), value.strip()) if sep else ("", part.strip()))
    return out


def _end_year(m: re.Match[str]) -> int:
    start = int(m.group(1))
    if m.group(2):
        end = start // 100 * 100 + int(m.group(2))
        return end if end > start else start
    return start


def _year(text: str) -> int | None:
    years = [_end_year(m) for m in _YEAR.finditer(text)]
    return max(years) if years else None


def _start_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _ratios(text: str) -> list[Ratio]:
    """`share`'s ratios; failing those, the ones it leaves to its context."""
    found = ratios_in(text)
    if found:
        return found
    for m in _OF_THOSE.finditer(text):
        part, whole = int(m.group(1)), int(m.group(2))
        if 0 < part <= whole:
            found.append(Ratio(part, whole, m.start(), m.end()))
    return found


def _values(text: str) -> list[tuple[float, int | None, int | None, float | None, bool]]:
    """(share, part, whole, stated, approx) told in one cell or clause."""
    ratios = _ratios(text)
    percents = percents_in(text)
    out: list[tuple[float, int | None, int | None, float | None, bool]] = []
    used: set[int] = set()
    for r in ratios:
        stated = _beside(r.start, r.end, percents, used, text)
        out.append((r.value, r.part, r.whole, stated, False))
    out += [(v, None, None, v, False) for i, (v, _, _) in enumerate(percents) if i not in used]
    if not out:
        out += [(v, None, None, v, True) for v, _, _ in words_in(text)]
    return out


def _beside(start: int, end: int, percents: list[tuple[float, int, int]], used: set[int], text: str) -> float | None:
    """The percentage stated beside a count: "131 van de 168 (78%)", "55% (38 van 69)"."""
    best: tuple[int, int] | None = None
    for i, (_, ps, pe) in enumerate(percents):
        if i in used:
            continue
        gap = ps - end if ps >= end else start - pe
        between = text[end:ps] if ps >= end else text[pe:start]
        if 0 <= gap <= _NEAR and not re.search(r"\bnaar\b|\|", between) and (best is None or gap < best[0]):
            best = (gap, i)
    if best is None:
        return None
    used.add(best[1])
    return percents[best[1]][0]


def _row(c: Growth, a: Analysis, si: int, within: set[int], noise: set[int]) -> tuple[list[Figure], set[int]]:
    """The figures in one table row; a row of counts per year column is paired with the
    row of totals above it and the row of shares beside it."""
    s = a.sentences[si]
    cells = _cells(s.norm)
    ref = a.reference_year
    year_cells = [(l, v) for l, v in cells if _YEAR_LABEL.match(l)]
    if len(year_cells) >= 2 and not any(ratios_in(v) for _, v in year_cells):
        return _year_columns(a, si, cells, year_cells)
    goal_row = any(_TARGET_LABEL.search(l) or _WHEN_LABEL.search(l) for l, _ in cells)
    has_current = any(_CURRENT_LABEL.search(l) for l, _ in cells)
    when = next((_year(v) for l, v in cells if _WHEN_LABEL.search(l) and _year(v) and not percents_in(v)), None)
    out: list[Figure] = []

    def add(role: str, value, year: int | None) -> None:
        share, part, whole, stated, approx = value
        out.append(Figure(si, role, share, part, whole, stated, year, approx))

    for label, value in cells:
        ft = _FROM_TO.search(value)
        if ft:
            out.append(Figure(si, "current", int(ft.group(1)) / 100, stated=int(ft.group(1)) / 100))
            out.append(Figure(si, "target", int(ft.group(2)) / 100, stated=int(ft.group(2)) / 100, year=when or _year(label)))
            continue
        now = _NOW_IN.search(value)
        if now:
            out.append(Figure(si, "current", int(now.group(1)) / 100, stated=int(now.group(1)) / 100))
            value = value[: now.start()] + value[now.end():]
        if _WHEN_LABEL.search(label) and not _CURRENT_LABEL.search(label) and not percents_in(value) and not ratios_in(value):
            continue
        if _CURRENT_LABEL.search(label):
            for v in _values(value):
                add("current", v, _year(label))
        elif _YEAR_LABEL.match(label):
            future = goal_row or has_current or (ref is not None and (_start_year(label) or 0) > ref)
            for v in _values(value):
                add("target" if future else "current", v, _year(label))
        elif _TARGET_LABEL.search(label):
            values = _values(value)
            if not values and _ALL.search(value):
                values = [(1.0, None, None, None, False)]
            for v in values:
                add("target", v, _year(label) or when or _year(value))
    if out:
        return out, {si}
    # a record: "School: Totaal | Studenten 2023-2024: 69 | Waarvan binnen OSNOF: 38 | Aandeel: 55%"
    ints = [(i, l, int(m.group(1))) for i, (l, v) in enumerate(cells) if (m := _INT.match(v)) and not _YEAR_LABEL.match(v)]
    part_i = next((i for i, l, _ in ints if _PART_LABEL.search(l)), None)
    if part_i is None:  # "Opgeleid binnen het netwerk: 88"
        part_i = next((i for i, l, _ in ints if i and _within_label(a, c, l)), None)
    label_year = _year(" ".join(l for l, _ in cells) + " " + cells[0][1])
    total = not _is_school_row(cells)
    if part_i is not None:
        part = next(n for i, _, n in ints if i == part_i)
        whole = next((n for i, l, n in reversed(ints) if i < part_i and n >= part and not _PART_LABEL.search(l)), None)
        stated = next((p[0][0] for l, v in cells if _SHARE_LABEL.search(l) and (p := percents_in(v))), None)
        if stated is None:
            stated = next((p[0][0] for v in [cells[part_i][1]] if (p := percents_in(v))), None)
        if whole and part:
            return [Figure(si, "current", part / whole, part, whole, stated, label_year, total=total)], {si}
    found = []
    for l, v in cells:
        if _SHARE_LABEL.search(l):
            found += [Figure(si, "current", p, stated=p, year=label_year, total=total) for p, _, _ in percents_in(v)[:1]]
    if not found:
        found = [Figure(si, "current", r.value, r.part, r.whole, None, label_year, total=total) for r in ratios_in(s.norm)]
    return found, {si}


@lru_cache(maxsize=32)
def _theme_re(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _within_label(a: Analysis, c: Growth, label: str) -> bool:
    """Does a column label ("Opgeleid binnen het netwerk") say: trained within the partnership?"""
    return bool(_theme_re(tuple(a.rubric.themes[c.within].patterns)).search(label))


def _is_school_row(cells: list[tuple[str, str]]) -> bool:
    """One school's (or one institute's) row of a table that counts per school."""
    first = cells[0][1]
    return bool(cells[0][0]) and not (_TOTAL.match(first) or _YEAR_LABEL.match(first) or _INT.match(first))


def _year_columns(a: Analysis, si: int, cells, year_cells) -> tuple[list[Figure], set[int]]:
    """A table with a column per school year: the row 'waarvan binnen het partnerschap',
    the row of all students above it, and the row of shares ('Aandeel')."""
    s = a.sentences[si]
    rows = [x for x in a.sentences if x.block == s.block]
    table = {x.index: _cells(x.norm) for x in rows}
    labels = [l for l, _ in year_cells]

    def numbers(ri: int, pick) -> dict[str, float]:
        out = {}
        for l, v in table[ri]:
            if l in labels and (n := pick(v)) is not None:
                out[l] = n
        return out

    counts = lambda v: int(m.group(1)) if (m := _INT.match(v)) and not percents_in(v) else None  # noqa: E731
    pcts = lambda v: p[0][0] if (p := percents_in(v)) else None  # noqa: E731
    mine = numbers(si, counts)
    shares_row = next((ri for ri in table if ri != si and _SHARE_LABEL.search(table[ri][0][1]) and numbers(ri, pcts)), None)
    stated = numbers(shares_row, pcts) if shares_row is not None else {}
    used = {si} | ({shares_row} if shares_row is not None else set())
    out: list[Figure] = []
    if mine:
        above = [ri for ri in table if ri < si and numbers(ri, counts)]
        wholes = numbers(above[-1], counts) if above else {}
        for l in labels:
            part, whole = mine.get(l), wholes.get(l)
            if part and whole and part <= whole:
                out.append(Figure(si, "current", part / whole, int(part), int(whole), stated.get(l), _year(l)))
        return out, used
    own = numbers(si, pcts)
    part_row = next((ri for ri in table if ri != si and _PART_LABEL.search(table[ri][0][1]) and numbers(ri, counts)), None)
    if part_row is not None:
        return [], {si}  # the shares beside a row of counts: read with that row
    return [Figure(si, "current", v, stated=v, year=_year(l)) for l, v in own.items()], {si}


def _prose(a: Analysis, s: Sentence, goals: list[int], prev: int | None) -> list[Figure]:
    norm = s.norm
    out: list[Figure] = []

    def role(pos: int) -> str:
        clause = s.clause_at(pos)
        in_clause = any(clause.start <= g < clause.end for g in goals)
        return "target" if in_clause or (goals and clause.time == "future") else "current"

    def year(pos: int, end: int | None = None) -> int | None:
        """The year nearest to a figure in its clause ("70% in 2026 en 90% in 2027"; on a
        tie the one after it), else the sentence's."""
        clause = s.clause_at(pos)
        end = pos if end is None else end
        near = [(m.start() - end, 0, _end_year(m)) if m.start() >= end else (pos - m.end(), 1, _end_year(m))
                for m in _YEAR.finditer(norm, clause.start, clause.end)]
        return min(near)[2] if near else _year(norm)

    taken: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(norm):
        taken.append(m.span())
        out.append(Figure(s.index, "current", int(m.group(1)) / 100, stated=int(m.group(1)) / 100))
        out.append(Figure(s.index, "target", int(m.group(2)) / 100, stated=int(m.group(2)) / 100, year=year(m.start(), m.end())))
    free = lambda st, en: not any(a0 <= st < b0 or a0 < en <= b0 for a0, b0 in taken)  # noqa: E731
    percents = [p for p in percents_in(norm) if free(p[1], p[2])]
    used: set[int] = set()
    for r in _ratios(norm):
        if not free(r.start, r.end):
            continue
        stated = _beside(r.start, r.end, percents, used, norm)
        out.append(Figure(s.index, role(r.start), r.value, r.part, r.whole, stated, year(r.start, r.end)))
    if not any(f.part for f in out):
        pair = _daarvan(a, s, prev)
        if pair:
            part, whole, pos = pair
            stated = _beside(pos, pos + len(str(part)), percents, used, norm)
            out.append(Figure(s.index, role(pos), part / whole, part, whole, stated, year(pos)))
    for i, (v, ps, pe) in enumerate(percents):
        if i not in used:
            out.append(Figure(s.index, role(ps), v, stated=v, year=year(ps, pe)))
    if not out:
        out += [Figure(s.index, role(ps), v, stated=v, year=year(ps, pe), approx=True) for v, ps, pe in words_in(norm)]
    if not any(f.role == "target" for f in out):
        for m in _ALL.finditer(norm):
            if role(m.start()) == "target":
                out.append(Figure(s.index, "target", 1.0, year=year(m.start(), m.end())))
                break
    return out


def _daarvan(a: Analysis, s: Sentence, prev: int | None) -> tuple[int, int, int] | None:
    """'204 studenten ...; 163 daarvan volgen ...' or 'Daarvan vallen er 14 onder ...'
    after a sentence with the whole: (part, whole, position of the part)."""
    m = _DAARVAN.search(s.norm)
    if not m:
        return None
    group = 1 if m.group(1) else 2
    part, pos = int(m.group(group)), m.start(group)
    before = [int(x.group(1)) for x in _PLAIN_INT.finditer(s.norm[:pos]) if not _YEAR.match(s.norm, x.start())]
    if not before and prev is not None:
        before = [int(x.group(1)) for x in _PLAIN_INT.finditer(a.sentences[prev].norm) if not _YEAR.match(a.sentences[prev].norm, x.start())]
    whole = next((n for n in reversed(before) if n >= part), None)
    return (part, whole, pos) if whole and part else None


def _totals(a: Analysis, figures: list[Figure]) -> list[Figure]:
    """A table that counts per school: its total row, or failing that the sum of its rows."""
    by_block: dict[int, list[Figure]] = {}
    for f in figures:
        if not f.total:
            by_block.setdefault(a.sentences[f.sentence].block, []).append(f)
    for block, rows in by_block.items():
        if any(f.total and a.sentences[f.sentence].block == block for f in figures):
            continue
        counted = [f for f in rows if f.part and f.whole]
        if len(counted) == 1:
            counted[0].total = True
        elif len(counted) >= 2:
            part, whole = sum(f.part for f in counted), sum(f.whole for f in counted)
            years = {f.year for f in counted}
            figures.append(Figure(counted[-1].sentence, "current", part / whole, part, whole, None,
                                  years.pop() if len(years) == 1 else None))
    return figures


# --- what the figures say -------------------------------------------------------------


def _current(figures: list[Figure], a: Analysis) -> Figure | None:
    """The current share: of the latest year told; counts before a bare percentage, a
    total before one school's row, a number before words."""
    now = [f for f in figures if f.role == "current" and f.total]
    if not now:
        return None
    ref = a.reference_year or 0
    best = max(now, key=lambda f: (f.year or ref, f.part is not None, not f.approx, -f.sentence))
    if best.part is None:  # "Nulmeting 2023-2024: 50%" repeats the counts told elsewhere: "52 van de 104"
        counted = [f for f in now if f.part is not None and f.year in (None, best.year) and abs(f.share - best.share) < 0.01]
        if counted:
            return counted[0]
    return best


def _milestones(targets: list[Figure], final: Figure | None) -> list[Figure]:
    """Earlier, lower targets on the way to the final one: a path per year."""
    if final is None:
        return []
    out: dict[int, Figure] = {}
    for f in targets:
        if f.year and f.year < final.year and f.share < final.share:
            out[f.year] = f
    return [out[y] for y in sorted(out)]


def _dated_step(a: Analysis, si: int, time: str) -> bool:
    """A strategy with a date: a step of the way forward, not only an option."""
    s = a.sentences[si]
    year = _year(s.norm)
    if year is None:
        return False
    table = a.document.blocks[s.block].kind is BlockKind.table
    return table or time == "future" or (a.reference_year is not None and year >= a.reference_year)


def _current_details(f: Figure, c: Growth) -> dict[str, object]:
    out: dict[str, object] = {"share": round(f.share, 3), "year": f.year}
    if f.part is not None:
        out |= {"part": f.part, "whole": f.whole, "computed": round(f.share, 4)}
    if f.stated is not None:
        out["stated"] = round(f.stated, 3)
        if f.part is not None:
            out["matches"] = abs(f.share - f.stated) <= c.tolerance + 0.005  # a stated share is rounded
    return out


def _arithmetic(current: Figure | None, target: Figure | None, c: Growth, a: Analysis) -> dict[str, object]:
    if current is None:
        return {}
    out: dict[str, object] = {"gap": round(1 - current.share, 3)}
    start = current.year or a.reference_year
    if start is None:
        return out
    out["from_year"] = start
    if target is not None and target.year > start:
        years = target.year - start
        out["per_year_to_100_by_target_year"] = round((1 - current.share) / years, 4)
        if target.share < 1:
            out["per_year_to_target"] = round(max(target.share - current.share, 0) / years, 4)
    if c.horizon > start:
        out["per_year_to_100_by_horizon"] = round((1 - current.share) / (c.horizon - start), 4)
    return out


def _passages(a: Analysis, current, target, milestones, strategies, undated) -> list[Evidence]:
    order: list[int] = []
    for f in [current, target, *milestones, undated]:
        if f is not None and f.sentence not in order:
            order.append(f.sentence)
    for h in strategies:
        if h.sentence not in order:
            order.append(h.sentence)
            break
    return [a.evidence(si) for si in order]


# --- the report in words --------------------------------------------------------------


def _pct(share: float, decimals: int = 0) -> str:
    return f"{share * 100:.{decimals}f}".replace(".", ",") + "%"


def _pp(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + " procentpunt"


def _summary(current, target, undated, milestones, strategies, grow, details, c: Growth) -> list[str]:
    out: list[str] = []
    if current is None:
        out.append("Huidige stand: " + _MISSING_NL["figures"] + " ontbreken.")
    else:
        when = f" ({current.year})" if current.year else ""
        if current.part is not None:
            line = f"Huidige stand{when}: {current.part} van de {current.whole} studenten = {_pct(current.share, 1)}"
            cur = details["current"]
            if current.stated is not None:
                verdict = "klopt" if cur.get("matches") else "klopt niet"
                line += f"; in het dossier staat {_pct(current.stated)}: {verdict}"
            out.append(line + ".")
        else:
            told = "ongeveer " if current.approx else ""
            out.append(f"Huidige stand{when}: {told}{_pct(current.share)} (genoemd, niet na te rekenen uit aantallen).")
        out.append(f"Kloof tot 100%: {_pp(1 - current.share)}.")
    if target is not None:
        out.append(f"Doel: {_pct(target.share)} in {target.year}.")
    elif undated is not None:
        out.append(f"Doel: {_pct(undated.share)}, maar zonder jaartal.")
    else:
        out.append("Doel: geen streefdoel met jaartal gevonden.")
    if milestones:
        out.append("Tussenstappen: " + ", ".join(f"{_pct(m.share)} in {m.year}" for m in milestones) + ".")
    if "per_year_to_100_by_target_year" in details:
        out.append(f"Nodig voor 100% in {target.year}: {_pp(details['per_year_to_100_by_target_year'])} per jaar.")
    if "per_year_to_target" in details:
        out.append(f"Nodig voor het eigen doel ({_pct(target.share)} in {target.year}): {_pp(details['per_year_to_target'])} per jaar.")
    if "per_year_to_100_by_horizon" in details:
        out.append(f"Nodig voor 100% in {c.horizon}: {_pp(details['per_year_to_100_by_horizon'])} per jaar.")
    if strategies:
        out.append(f"Groeiroutes: {len({h.sentence for h in strategies})} passage(s) noemen een route "
                   "(nieuwe besturen of scholen, kern-schil, sectoroverstijgend, andere partnerschappen, capaciteit).")
    present = [_GROW_NL[g] for g in GROW if grow[g]]
    absent = [_GROW_NL[g] for g in GROW if not grow[g]]
    out.append("GROW: aanwezig: " + (", ".join(present) or "geen") + "; ontbreekt: " + (", ".join(absent) or "niets") + ".")
    if c.national and c.national.text:
        out.append(f"Ter vergelijking: {c.national.text}")
    return out
