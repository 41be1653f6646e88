"""Terminal report with rich: summary table, concerns with zorg and tips, checks, quotes.

Readable at 80 columns; colour is left to rich (off when piped or with --no-color).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assessor.render.common import verdict, where
from assessor.result import Evidence, Report

_LEVEL_STYLE = {1: "bold red", 2: "bold yellow", 3: "bold green", 4: "bold bright_green"}


def _quotes(evidence: list[Evidence], missing: str | None, limit: int) -> list[Text]:
    out = [Text.assemble(("  “", "dim"), e.quote, ("”  ", "dim"), (f"({where(e)})", "cyan")) for e in evidence[:limit]]
    if missing:
        out.append(Text.assemble(("  ontbreekt: ", "magenta"), missing))
    return out


def summary_table(report: Report) -> Table:
    table = Table(title="Oordeel per domein", title_justify="left", expand=False)
    table.add_column("Domein")
    table.add_column("Niveau", justify="center")
    table.add_column("Betekenis")
    table.add_column("Zorgpunten")
    for d in report.domains:
        level = Text(str(d.level), style=_LEVEL_STYLE.get(d.level, ""))
        label = d.level_label + (" (te weinig tekst)" if d.insufficient_evidence else "")
        table.add_row(d.name or d.code, level, label, ", ".join(c.code for c in d.concerns) or "-")
    return table


def print_report(report: Report, console: Console, verbose: bool = False, quiet: bool = False) -> None:
    info = report.dossier
    head = f"[bold]{info.path}[/bold]  ({info.format}, {info.pages or '-'} p., {info.words} woorden, {info.kind})"
    console.print(head)
    console.print(f"Rubric: {report.rubric.name} {report.rubric.version}", style="dim")
    for w in info.warnings:
        console.print(f"[yellow]Let op:[/yellow] {w}")
    console.print(summary_table(report))
    checks = Table(title="Dwarsverbanden (4 tips van het panel)", title_justify="left")
    checks.add_column("Check")
    checks.add_column("Oordeel")
    for c in report.checks:
        checks.add_row(c.name or c.code, Text(verdict(c.passed), style="green" if c.passed else "red"))
    console.print(checks)
    if quiet:
        return
    limit = 4 if verbose else 2
    for d in report.domains:
        parts: list = [Text(d.rationale, style="italic")]
        if d.missing:
            parts += _quotes([], d.missing, limit)
        for c in d.concerns:
            parts.append(Text.assemble((f"\n{c.code} ", "bold red"), (c.title, "bold")))
            parts += _quotes(c.evidence, c.missing, limit)
            if c.zorg:
                parts.append(Text.assemble(("  Zorg: ", "yellow"), c.zorg))
            for tip in c.tips:
                parts.append(Text.assemble(("  Tip: ", "green"), tip))
        if d.strengths:
            parts.append(Text("\nSterke punten", style="bold green"))
            for s in d.strengths:
                parts.append(Text(f"  + {s.title}"))
                parts += _quotes(s.evidence, None, 1 if not verbose else 2)
        title = f"{d.name} — niveau {d.level} ({d.level_label})"
        console.print(Panel(Group(*parts), title=title, title_align="left", border_style=_LEVEL_STYLE.get(d.level, "")))
    for c in report.checks:
        style = "green" if c.passed else "red"
        parts = [Text(c.title or "", style="italic")]
        parts += _quotes(c.evidence, None if c.passed else c.missing, limit)
        if not c.passed:
            parts += [Text.assemble(("  Tip: ", "green"), t) for t in c.tips]
        console.print(Panel(Group(*parts), title=f"{c.name}: {verdict(c.passed)}", title_align="left", border_style=style))

