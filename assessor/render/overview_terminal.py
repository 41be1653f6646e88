"""The overview of a round in the terminal (rich tables), printed after a batch.

Counts as the panel writes them ("V3: 41 van 73 dossiers"), levels per domain, failed
checks, the dossier x concern matrix and the dossiers to look at first.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from assessor.overview import Overview

_LEVEL_STYLE = {1: "bold red", 2: "bold yellow", 3: "bold green", 4: "bold bright_green"}
_BAR = 20


def _bar(count: int, of: int) -> Text:
    filled = round(_BAR * count / of) if of else 0
    return Text("█" * filled + "·" * (_BAR - filled), style="red" if of and count * 2 > of else "yellow")


def _groups(ov: Overview) -> list[tuple[str, list[str]]] | None:
    """Concern codes per domain as (letter, codes) when every code is that letter and
    one digit (V1..V5): then a row shows them as one compact string, 'V12345'."""
    groups: list[tuple[str, list[str]]] = []
    for c in ov.concerns:
        head, digit = c.code[:-1], c.code[-1:]
        if not digit.isdigit() or not head or head[-1:].isdigit():
            return None
        if groups and groups[-1][0] == head:
            groups[-1][1].append(c.code)
        else:
            groups.append((head, [c.code]))
    return groups


def _matrix(ov: Overview, console: Console) -> None:
    """Dossier x concern: one character per concern, levels in domain order."""
    groups = _groups(ov)
    name_w = min(26, max(len(r.name) for r in ov.rows))
    levels_w = 2 * len(ov.domain_codes)
    if groups:
        header = " ".join(head + "".join(code[len(head):] for code in codes) for head, codes in groups)
    else:
        header = " ".join(ov.concern_codes)
    needed = name_w + levels_w + len(header) + 12
    console.print(Text("Dossier × zorgpunt", style="italic"))
    if console.width < needed:
        console.print(Text(f"(te smal voor de matrix: {needed} kolommen nodig; zie --overview BESTAND.html of .csv)", style="dim"))
        return
    t = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, show_edge=False)
    t.add_column("Dossier", overflow="ellipsis", no_wrap=True, max_width=name_w, min_width=min(name_w, 12))
    t.add_column("Niveaus", no_wrap=True, min_width=levels_w)
    t.add_column(header, no_wrap=True, min_width=len(header))
    t.add_column("Checks✗", justify="right", no_wrap=True)
    for row in ov.rows:
        if row.error is not None:
            t.add_row(Text(row.name, style="red"), Text("fout", style="red"), "", "")
            continue
        levels = Text()
        for code in ov.domain_codes:
            lv = row.levels.get(code)
            levels.append(f"{lv or '-'} ", style=_LEVEL_STYLE.get(lv, ""))
        cells = Text()
        for gi, (head, codes) in enumerate(groups or [("", [c]) for c in ov.concern_codes]):
            if gi:
                cells.append(" ")
            cells.append(" " * len(head) if groups else "")
            for code in codes:
                mark = "●" if code in row.concerns else "·"
                cells.append(mark if groups else mark.center(len(code)), style="red" if mark == "●" else "dim")
        t.add_row(row.name, levels, cells, str(len(row.failed_checks)))
    console.print(t)
    console.print(Text("Niveaus per domein: " + ", ".join(d.name or d.code for d in ov.domains)
                       + "; ● zorgpunt; Checks✗: aantal checks dat niet voldoet; fout: niet te lezen.", style="dim"))


def print_overview(ov: Overview, console: Console, matrix: bool = True) -> None:
    head = f"Overzicht van de ronde: {ov.dossiers} dossiers, {ov.assessed} beoordeeld"
    if ov.failed:
        head += f", {ov.failed} niet te lezen"
    console.print(Text(head, style="bold"))
    if ov.rubric:
        console.print(Text(f"Rubric: {ov.rubric}", style="dim"))

    t = Table(title="Zorgpunten", title_justify="left")
    t.add_column("Hoe vaak", no_wrap=True, min_width=max((len(c.line) for c in ov.concerns), default=8))
    t.add_column("", no_wrap=True, min_width=_BAR)
    t.add_column("Zorgpunt", overflow="ellipsis", no_wrap=True)
    for c in ov.concerns:
        t.add_row(c.line, _bar(c.count, c.of), c.title)
    console.print(t)

    t = Table(title="Niveaus per domein", title_justify="left")
    t.add_column("Domein")
    for lv in (1, 2, 3, 4):
        t.add_column(Text(f"niveau {lv}", style=_LEVEL_STYLE[lv]), justify="right")
    t.add_column("te weinig tekst", justify="right")
    for d in ov.domains:
        t.add_row(d.name or d.code, *[str(d.levels.get(lv, 0)) for lv in (1, 2, 3, 4)], str(d.insufficient))
    console.print(t)

    t = Table(title="Checks", title_justify="left")
    t.add_column("Check")
    t.add_column("Voldoet niet", justify="right")
    for k in ov.checks:
        t.add_row(k.name or k.code, f"{k.failed} van {k.of}")
    console.print(t)

    if matrix and ov.rows:
        _matrix(ov, console)

    if ov.attention:
        t = Table(title="Eerst bekijken", title_justify="left")
        t.add_column("Dossier", overflow="fold")
        t.add_column("Punten", justify="right")
        t.add_column("Waarom", ratio=1)
        for row in ov.attention:
            t.add_row(row.name, str(row.score), "; ".join(row.reasons))
        console.print(t)

    failed = [r for r in ov.rows if r.error is not None]
    if failed:
        t = Table(title="Niet te lezen", title_justify="left")
        t.add_column("Dossier", overflow="fold")
        t.add_column("Reden", ratio=1)
        for row in failed:
            t.add_row(row.name, row.error or "")
        console.print(t)
