"""Terminal report with rich: summary table, concerns with zorg and tips, checks, quotes.

Readable at 80 columns: labels hang in their own column so wrapped text stays aligned,
and panel titles stay short enough not to be cut. Colour is left to rich (off when
piped or with --no-color). Quiet: only the two tables. Verbose: every quote.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assessor.render.common import (
    CHECKS_TITLE,
    MISSING,
    RESEMBLES,
    STRENGTHS_TITLE,
    SUMMARY_TITLE,
    TIP,
    ZORG,
    check_title,
    concern_title,
    domain_missing,
    domain_title,
    dossier_line,
    evidence_limit,
    level_text,
    precedent_note,
    rubric_line,
    verdict,
    where,
)
from assessor.result import Check, Concern, Domain, Evidence, Report

_LEVEL_STYLE = {1: "bold red", 2: "bold yellow", 3: "bold green", 4: "bold bright_green"}


def _labelled(rows: list[tuple[str, str | Text, str]]) -> Table:
    """Rows of (label, text, label style) with a hanging indent for wrapped text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text, style in rows:
        grid.add_row(Text(label, style=style), text)
    return grid


def _quote_rows(evidence: list[Evidence], limit: int) -> list[tuple[str, str | Text, str]]:
    rows: list[tuple[str, str | Text, str]] = []
    for e in evidence[:limit]:
        rows.append(("  “", Text.assemble(e.quote, ("”  ", "dim"), (f"({where(e)})", "cyan")), "dim"))
    if len(evidence) > limit:
        rows.append(("  ", Text(f"… en nog {len(evidence) - limit} (zie --verbose)", style="dim"), ""))
    return rows


def summary_table(report: Report) -> Table:
    table = Table(title=SUMMARY_TITLE, title_justify="left")
    table.add_column("Domein", ratio=3)
    table.add_column("Niveau", justify="center", no_wrap=True)
    table.add_column("Betekenis", ratio=4)
    table.add_column("Zorgpunten", ratio=2)
    for d in report.domains:
        label = d.level_label + (" (te weinig tekst)" if d.insufficient_evidence else "")
        level = Text(str(d.level), style=_LEVEL_STYLE.get(d.level, ""))
        table.add_row(domain_title(d), level, label, ", ".join(c.code for c in d.concerns) or "-")
    return table


def checks_table(report: Report) -> Table:
    table = Table(title=CHECKS_TITLE, title_justify="left")
    table.add_column("Check")
    table.add_column("Oordeel", no_wrap=True)
    for c in report.checks:
        table.add_row(check_title(c), Text(verdict(c.passed), style="green" if c.passed else "red"))
    return table


def _concern(c: Concern, limit: int) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(concern_title(c), style="bold")]
    if c.evidence:
        parts.append(_labelled(_quote_rows(c.evidence, limit)))
    rows: list[tuple[str, str | Text, str]] = []
    if c.missing:
        rows.append((f"  {MISSING}:", c.missing, "magenta"))
    if c.precedent is not None:
        rows.append((f"  {RESEMBLES}:", precedent_note(c), "magenta"))
    if c.zorg:
        rows.append((f"  {ZORG}:", c.zorg, "yellow"))
    rows += [(f"  {TIP}:", tip, "green") for tip in c.tips]
    return parts + [_labelled(rows)]


def _domain_panel(d: Domain, limit: int, verbose: bool) -> Panel:
    style = _LEVEL_STYLE.get(d.level, "")
    parts: list[RenderableType] = [Text(d.rationale or level_text(d), style="italic")]
    own_missing = domain_missing(d)
    if own_missing:
        parts.append(_labelled([(f"{MISSING}:", own_missing, "magenta")]))
    for c in d.concerns:
        parts += [Text(""), *_concern(c, limit)]
    if d.strengths:
        parts += [Text(""), Text(STRENGTHS_TITLE, style="bold green")]
        for s in d.strengths:
            parts.append(_labelled([("  +", s.title, "green"), *_quote_rows(s.evidence, 2 if verbose else 1)]))
    return Panel(Group(*parts), title=f"{domain_title(d)} — niveau {d.level}", title_align="left", border_style=style)


def _check_panel(c: Check, limit: int) -> Panel:
    style = "green" if c.passed else "red"
    parts: list[RenderableType] = [Text(c.title, style="italic")] if c.title else []
    if c.summary:
        parts.append(_labelled([("  ·", line, "cyan") for line in c.summary]))
    if c.evidence:
        parts.append(_labelled(_quote_rows(c.evidence, limit)))
    rows: list[tuple[str, str | Text, str]] = []
    if not c.passed:
        if c.missing:
            rows.append((f"  {MISSING}:", c.missing, "magenta"))
        rows += [(f"  {TIP}:", t, "green") for t in c.tips]
    if rows:
        parts.append(_labelled(rows))
    return Panel(Group(*parts), title=f"{check_title(c)}: {verdict(c.passed)}", title_align="left", border_style=style)


def print_report(report: Report, console: Console, verbose: bool = False, quiet: bool = False) -> None:
    console.print(Text(report.dossier.path, style="bold"), Text(f"({dossier_line(report)})"))
    console.print(rubric_line(report), style="dim")
    for w in report.dossier.warnings:
        console.print(Text.assemble(("Let op: ", "yellow"), w))
    console.print(summary_table(report))
    console.print(checks_table(report))
    if quiet:
        return
    limit = evidence_limit(verbose)
    for d in report.domains:
        console.print(_domain_panel(d, limit, verbose))
    for c in report.checks:
        console.print(_check_panel(c, limit))
